-- Cases extracted from MariaDB's server test suite, main/column_compression.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: main/column_compression.test:350 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/column_compression.test:350
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a VARCHAR(254) COMPRESSED CHARACTER SET latin1)
CREATE TABLE t1 (a VARCHAR(254) COMPRESSED CHARACTER SET latin1, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES (f1(6,6));
-- ddl
ALTER IGNORE TABLE t1 MODIFY a VARCHAR(4) COMPRESSED CHARACTER SET latin1;

-- case: main/column_compression.test:359 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/column_compression.test:359
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a VARCHAR(254) COMPRESSED CHARACTER SET latin1)
CREATE TABLE t1 (a VARCHAR(254) COMPRESSED CHARACTER SET latin1, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES (REPEAT('a',254));
-- ddl
ALTER IGNORE TABLE t1 MODIFY a VARCHAR(4) COMPRESSED CHARACTER SET latin1;

-- case: main/column_compression.test:369 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/column_compression.test:369
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a VARCHAR(250) COMPRESSED CHARACTER SET latin1)
CREATE TABLE t1 (a VARCHAR(250) COMPRESSED CHARACTER SET latin1, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES (f1(6,6));
-- ddl
ALTER IGNORE TABLE t1 MODIFY a VARCHAR(254) COMPRESSED CHARACTER SET latin1;

-- case: main/column_compression.test:379 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/column_compression.test:379
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a VARCHAR(32000) COMPRESSED CHARACTER SET latin1)
CREATE TABLE t1 (a VARCHAR(32000) COMPRESSED CHARACTER SET latin1, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES (f1(31,31));
-- ddl
ALTER IGNORE TABLE t1 MODIFY a VARCHAR(256) COMPRESSED CHARACTER SET latin1;

-- case: main/column_compression.test:389 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/column_compression.test:389
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a VARCHAR(32000) COMPRESSED CHARACTER SET latin1)
CREATE TABLE t1 (a VARCHAR(32000) COMPRESSED CHARACTER SET latin1, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES (f1(31,31));
-- ddl
ALTER IGNORE TABLE t1 MODIFY a VARCHAR(32001) COMPRESSED CHARACTER SET latin1;

-- case: main/column_compression.test:399 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/column_compression.test:399
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a VARCHAR(80) COMPRESSED CHARACTER SET utf8mb3)
CREATE TABLE t1 (a VARCHAR(80) COMPRESSED CHARACTER SET utf8mb3, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES (f1(3,3));
-- ddl
ALTER IGNORE TABLE t1 MODIFY a VARCHAR(1) COMPRESSED CHARACTER SET utf8mb3;

-- case: main/column_compression.test:409 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/column_compression.test:409
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a VARCHAR(80) COMPRESSED CHARACTER SET utf8mb3)
CREATE TABLE t1 (a VARCHAR(80) COMPRESSED CHARACTER SET utf8mb3, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES (f1(3,3));
-- ddl
ALTER IGNORE TABLE t1 MODIFY a VARCHAR(81) COMPRESSED CHARACTER SET utf8mb3;

-- case: main/column_compression.test:419 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/column_compression.test:419
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a VARCHAR(10000) COMPRESSED CHARACTER SET utf8mb3)
CREATE TABLE t1 (a VARCHAR(10000) COMPRESSED CHARACTER SET utf8mb3, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES (f1(31,31));
-- ddl
ALTER IGNORE TABLE t1 MODIFY a VARCHAR(256) COMPRESSED CHARACTER SET utf8mb3;

-- case: main/column_compression.test:429 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/column_compression.test:429
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a VARCHAR(10000) COMPRESSED CHARACTER SET utf8mb3)
CREATE TABLE t1 (a VARCHAR(10000) COMPRESSED CHARACTER SET utf8mb3, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES (f1(31,31));
-- ddl
ALTER IGNORE TABLE t1 MODIFY a VARCHAR(10001) COMPRESSED CHARACTER SET utf8mb3;

-- case: main/column_compression.test:446 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/column_compression.test:446
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a VARCHAR(500) COMPRESSED CHARACTER SET utf8mb3) ENGINE=MyISAM
CREATE TABLE t1 (a VARCHAR(500) COMPRESSED CHARACTER SET utf8mb3, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=MyISAM;
INSERT INTO t1 SET a=REPEAT('x',127);
-- ddl
ALTER TABLE t1 FORCE, ALGORITHM=COPY;

-- case: main/column_compression.test:451 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/column_compression.test:451
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a VARCHAR(500) COMPRESSED CHARACTER SET utf8mb3) ENGINE=InnoDB
CREATE TABLE t1 (a VARCHAR(500) COMPRESSED CHARACTER SET utf8mb3, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=InnoDB;
INSERT INTO t1 SET a=REPEAT('x',127);
-- ddl
ALTER TABLE t1 FORCE, ALGORITHM=COPY;
