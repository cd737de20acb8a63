-- Cases extracted from MariaDB's server test suite, main/truncate.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: main/truncate.test:5 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/truncate.test:5
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a integer, b integer,c1 CHAR(10))
create table t1 (a integer, b integer,c1 CHAR(10), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 (a) values (1),(2);
-- ddl
truncate table t1;

-- case: main/truncate.test:29 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/truncate.test:29
create table t1 (a integer auto_increment primary key);
insert into t1 (a) values (NULL),(NULL);
-- ddl
truncate table t1;

-- case: main/truncate.test:75 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/truncate.test:75
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (c1 INT)
CREATE TABLE t1 (c1 INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES (1);
-- ddl
TRUNCATE TABLE t1;
