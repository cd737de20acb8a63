-- Cases extracted from MariaDB's server test suite, main/check_constraint.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: main/check_constraint.test:6 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/check_constraint.test:6
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int check(a>10), b int check (b > 20), constraint `min` check (a+b > 100), constraint `max` check (a+b <500)) engine=myisam
create table t1 (a int check(a>10), b int check (b > 20), constraint `min` check (a+b > 100), constraint `max` check (a+b <500), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=myisam;
insert into t1 values (100,100);
-- ddl
truncate table t1;
truncate table t1;
alter table t1 add c int default 0 check (c < 10);
alter table t1 add check (a+b+c < 500);

-- case: main/check_constraint.test:59 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/check_constraint.test:59
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create or replace table t1 (a int, b int, constraint check (a>b))
create or replace table t1 (a int, b int, constraint check (a>b), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
create or replace table t1 (a int, b int,
  constraint CONSTRAINT_1 check (a>1),
  constraint check (b>1));
create or replace table t1 (a int, b int,
  constraint CONSTRAINT_1 check (a>1),
  constraint check (b>1),
  constraint CONSTRAINT_2 check (a>b));

-- case: main/check_constraint.test:213 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/check_constraint.test:213
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a INT, b INT, CHECK (a>0)) ENGINE=MyISAM
CREATE TABLE t1 (a INT, b INT, CHECK (a>0), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=MyISAM;
INSERT INTO t1 VALUES (1,2),(3,4);
-- ddl
ALTER TABLE t1 DROP COLUMN a;
CREATE OR REPLACE TABLE t1 (a INT, b INT, CHECK (a>0)) ENGINE=MyISAM;
ALTER TABLE t1 DROP COLUMN b;
CREATE OR REPLACE TABLE t1 (a INT, b INT, c INT, CHECK (a+b>0)) ENGINE=MyISAM;
ALTER TABLE t1 DROP COLUMN a, DROP COLUMN b;
CREATE OR REPLACE TABLE t1 (a INT, b INT, c INT, CHECK (a+b>0)) ENGINE=MyISAM;
ALTER TABLE t1 DROP CONSTRAINT `CONSTRAINT_1`;
CREATE OR REPLACE TABLE t1 (a INT, b INT, c INT, CHECK (a+b>0)) ENGINE=MyISAM;
ALTER TABLE t1 DROP COLUMN b, DROP CONSTRAINT `CONSTRAINT_1`;

-- case: main/check_constraint.test:266 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/check_constraint.test:266
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (id varchar(2), constraint id check (id regexp '[a-z]'))
create table t1 (id varchar(2), constraint id check (id regexp '[a-z]'), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 force;

-- case: main/check_constraint.test:289 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/check_constraint.test:289
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (d date check (d > 2020-01-01))
create table t1 (d date check (d > 2020-01-01), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
create or replace table t1 (d time check (d > "a"));
create or replace table t1 (d datetime check (d > "a"));
create or replace table t1 (d timestamp check (d > "a"));
create or replace table t1 (d year check (d > "a"));
create or replace table t1 (d int check (d > "a"));
create or replace table t1 (d real check (d > "a"));
create or replace table t1 (d decimal check (d > "a"));
create or replace table t1 (d bool check (d != "a"));
