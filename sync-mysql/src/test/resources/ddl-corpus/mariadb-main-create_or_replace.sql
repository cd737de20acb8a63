-- Cases extracted from MariaDB's server test suite, main/create_or_replace.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: main/create_or_replace.test:94 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/create_or_replace.test:94
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a int)
CREATE TABLE t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
CREATE OR REPLACE TABLE t1 AS SELECT 1;

-- case: main/create_or_replace.test:113 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/create_or_replace.test:113
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE OR REPLACE TABLE t1 (a int)
CREATE OR REPLACE TABLE t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
CREATE OR REPLACE TABLE t1 (a int, b int);

-- case: main/create_or_replace.test:118 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/create_or_replace.test:118
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a int) SELECT * from t2
CREATE TABLE t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) SELECT * from t2;
-- ddl
TRUNCATE TABLE t1;

-- case: main/create_or_replace.test:125 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/create_or_replace.test:125
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (i int)
CREATE TABLE t1 (i int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
CREATE OR REPLACE TABLE t1 AS SELECT 1;

-- case: main/create_or_replace.test:132 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/create_or_replace.test:132
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE OR REPLACE TABLE t1 (a int)
CREATE OR REPLACE TABLE t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
CREATE OR REPLACE TABLE t1 (a int, b int);
CREATE OR REPLACE TABLE t1 (a int, b int, c int);

-- case: main/create_or_replace.test:146 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/create_or_replace.test:146
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE OR REPLACE TABLE t1 (a int)
CREATE OR REPLACE TABLE t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
CREATE OR REPLACE TABLE t1 (a int, b int) select a,1 from t2;
CREATE OR REPLACE TABLE t1 (a int, b int, c int, d int);

-- case: main/create_or_replace.test:161 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/create_or_replace.test:161
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE OR REPLACE TABLE t1 (a int)
CREATE OR REPLACE TABLE t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
CREATE OR REPLACE TABLE t1 (a int, b int) select a,1 from t2;

-- case: main/create_or_replace.test:171 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/create_or_replace.test:171
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE OR REPLACE TABLE t1 (a int)
CREATE OR REPLACE TABLE t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
CREATE OR REPLACE TABLE t1 AS SELECT 1;

-- case: main/create_or_replace.test:183 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/create_or_replace.test:183
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (i int) engine=innodb
create table t1 (i int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=innodb;
-- ddl
create or replace table t1 (j int);

-- case: main/create_or_replace.test:190 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/create_or_replace.test:190
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (i int) engine=InnoDB
create table t1 (i int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=InnoDB;
-- ddl
create or replace table t1 (j int) engine=innodb;

-- case: main/create_or_replace.test:196 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/create_or_replace.test:196
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (i int) engine=InnoDB
create table t1 (i int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=InnoDB;
-- ddl
create or replace table t1 (a int, i int) engine=innodb select t2.a,t3.i from t2,t3;

-- case: main/create_or_replace.test:297 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/create_or_replace.test:297
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (b int)
create table t1 (b int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
create or replace table t1 like t2;
CREATE OR REPLACE TABLE t1 like t2;

-- case: main/create_or_replace.test:358 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/create_or_replace.test:358
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int)
create table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
create or replace table t1 (i int);
create or replace table t1 like t2;
create or replace table t1 select 1 as f1;

-- case: main/create_or_replace.test:423 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/create_or_replace.test:423
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1(a INT)
CREATE TABLE t1(a INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
CREATE OR REPLACE TABLE t1 AS SELECT f1();
CREATE OR REPLACE TABLE t1 AS SELECT f1();

-- case: main/create_or_replace.test:463 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/create_or_replace.test:463
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a INT)
CREATE TABLE t1 (a INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
CREATE OR REPLACE TABLE t1 (i INT);
