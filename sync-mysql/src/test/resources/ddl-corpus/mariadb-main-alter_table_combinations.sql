-- Cases extracted from MariaDB's server test suite, main/alter_table_combinations.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: main/alter_table_combinations.test:38 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_combinations.test:38
create or replace table t1 (x int, y int, unique (y), unique (x), primary key(x)) engine myisam;
-- ddl
alter table t1 change x xx int, algorithm=inplace;
create or replace table t1 (x int, y int, unique (y), unique (x), primary key(x));
alter table t1 change x xx int, algorithm=inplace;

-- case: main/alter_table_combinations.test:54 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_combinations.test:54
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1(a INT, b VARCHAR(30), c FLOAT)
CREATE TABLE t1(a INT, b VARCHAR(30), c FLOAT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES(1,'abcd',1.234);
-- ddl
ALTER TABLE t1 RENAME COLUMN a TO a;
ALTER TABLE t1 RENAME COLUMN a TO m;
ALTER TABLE t1 RENAME COLUMN IF EXISTS a TO m;
ALTER TABLE t1 RENAME COLUMN m TO x,
               RENAME COLUMN b TO y,
               RENAME COLUMN c TO z;
ALTER TABLE t1 CHANGE COLUMN x a INT, RENAME COLUMN y TO b;
ALTER TABLE t1 CHANGE COLUMN z c DOUBLE, RENAME COLUMN b to b;
ALTER TABLE t1 CHANGE COLUMN a b int, RENAME COLUMN b TO c, CHANGE COLUMN c d FLOAT;
ALTER TABLE t1 ADD COLUMN zz INT, RENAME COLUMN d TO f;
ALTER TABLE t1 DROP COLUMN zz, RENAME COLUMN c TO zz;
ALTER TABLE t1 RENAME COLUMN zz to c, DROP COLUMN f;
ALTER TABLE t1 ADD COLUMN d INT DEFAULT 5, RENAME COLUMN c TO b, DROP COLUMN b;
ALTER TABLE t1 RENAME COLUMN b TO d, RENAME COLUMN d TO b;
ALTER TABLE t1 ADD KEY(b);
ALTER TABLE t1 RENAME COLUMN b TO bb;
ALTER TABLE t1 RENAME COLUMN bb TO b;

-- case: main/alter_table_combinations.test:58 t2
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_combinations.test:58
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t2(a INT, b VARCHAR(30), c FLOAT) ENGINE=MyIsam
CREATE TABLE t2(a INT, b VARCHAR(30), c FLOAT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=MyIsam;
INSERT INTO t2 VALUES(1,'abcd',1.234);
-- ddl
ALTER TABLE t2 RENAME COLUMN a TO d, RENAME COLUMN b TO e, RENAME COLUMN c to f;
ALTER TABLE t2 RENAME COLUMN d TO g;

-- case: main/alter_table_combinations.test:125 t3
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_combinations.test:125
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t3(a int, b int, KEY(b))
CREATE TABLE t3(a int, b int, KEY(b), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t3 ADD CONSTRAINT FOREIGN KEY(b) REFERENCES t1(bb);
ALTER TABLE t3 RENAME COLUMN b TO c;

-- case: main/alter_table_combinations.test:137 t4
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_combinations.test:137
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t4(a int)
CREATE TABLE t4(a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t4 RENAME COLUMN a TO aa, ALGORITHM = INPLACE;
ALTER TABLE t4 RENAME COLUMN aa TO a, ALGORITHM = COPY;

-- case: main/alter_table_combinations.test:251 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_combinations.test:251
create or replace table t1 (x int, y int, unique (y), unique (x), primary key(x)) engine myisam;
-- ddl
alter table t1 change x xx int, algorithm=inplace;
create or replace table t1 (x int, y int, unique (y), unique (x), primary key(x));
alter table t1 change x xx int, algorithm=inplace;
