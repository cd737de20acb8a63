-- Cases extracted from MariaDB's server test suite, main/alter_table_errors.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: main/alter_table_errors.test:40 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_errors.test:40
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (c point not null)
create table t1 (c point not null, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 add spatial index b1(c desc);
alter table t1 add spatial index b2(c desc);

-- case: main/alter_table_errors.test:48 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_errors.test:48
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int) engine=myisam
create table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=myisam;
insert into t1 values (8);
-- ddl
alter table t1 engine=aria;
