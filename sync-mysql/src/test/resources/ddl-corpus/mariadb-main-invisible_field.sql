-- Cases extracted from MariaDB's server test suite, main/invisible_field.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: main/invisible_field.test:75 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/invisible_field.test:75
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1(abc int)
create table t1(abc int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 add column xyz int;
alter table t1 modify column abc  int;
alter table t1 modify column abc  int invisible;

-- case: main/invisible_field.test:111 t2
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/invisible_field.test:111
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t2(a int , b int invisible , c int invisible , d blob , e int unique, f int)
create table t2(a int , b int invisible , c int invisible , d blob , e int unique, f int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
truncate t2;
truncate t2;

-- case: main/invisible_field.test:166 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/invisible_field.test:166
create table t1 (a int primary key, b int invisible, c int invisible unique);
-- ddl
alter table t1 modify column b int;
alter table t1 change column c d int;

-- case: main/invisible_field.test:176 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/invisible_field.test:176
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1(a int unique , invisible int invisible, c int )
create table t1(a int unique , invisible int invisible, c int , _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 change column invisible hid int invisible;

-- case: main/invisible_field.test:251 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/invisible_field.test:251
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create or replace table t1 (a int, b int invisible)
create or replace table t1 (a int, b int invisible, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values (1),(2);
-- ddl
truncate table t1;
