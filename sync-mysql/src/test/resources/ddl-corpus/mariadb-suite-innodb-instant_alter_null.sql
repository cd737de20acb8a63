-- Cases extracted from MariaDB's server test suite, suite/innodb/t/instant_alter_null.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: suite/innodb/t/instant_alter_null.test:28 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_null.test:28
create table t (
  id int primary key,
  a int NOT NULL default 0,
  b int NOT NULL default 0,
  c int NOT NULL default 0,
  index idx (a,b,c)
) engine=innodb row_format=redundant;
insert into t values (1,1,1,1);
-- ddl
alter table t modify a int NULL, algorithm=instant;
alter table t modify b int NULL, algorithm=nocopy;
alter table t modify c int NULL, algorithm=inplace;
