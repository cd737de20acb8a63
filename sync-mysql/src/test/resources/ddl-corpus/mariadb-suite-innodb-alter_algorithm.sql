-- Cases extracted from MariaDB's server test suite, suite/innodb/t/alter_algorithm.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: suite/innodb/t/alter_algorithm.test:13 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/alter_algorithm.test:13
CREATE TABLE t1(f1 INT NOT NULL,
		f2 INT NOT NULL,
		f3 INT NULL,
		f4 INT as (f2) STORED,
		f5 INT as (f3) STORED,
		PRIMARY KEY(f1))ROW_FORMAT=COMPRESSED, ENGINE=INNODB;
INSERT INTO t1(f1, f2, f3) VALUES(1, 1, 1);
-- ddl
ALTER TABLE t1 FORCE, ALGORITHM=DEFAULT;

-- case: suite/innodb/t/alter_algorithm.test:116 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/alter_algorithm.test:116
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1(f1 INT NOT NULL,
--                   f2 INT NOT NULL,
--                   f3 INT AS (f2 * f2) VIRTUAL,
--   		INDEX idx (f2))engine=innodb
CREATE TABLE t1(f1 INT NOT NULL,
                f2 INT NOT NULL,
                f3 INT AS (f2 * f2) VIRTUAL,
		INDEX idx (f2), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk))engine=innodb;
INSERT INTO t1(f1, f2) VALUES(1, 1);
-- ddl
ALTER TABLE t1 ADD COLUMN f4 char(100) default 'BIG WALL';
ALTER TABLE t1 CHANGE f3 f3 INT AS (f2 * f2) VIRTUAL;
ALTER TABLE t1 ADD COLUMN f5 INT AS (f2) VIRTUAL;
ALTER TABLE t1 CHANGE f3 vcol INT AS (f2) VIRTUAL;
ALTER TABLE t1 RENAME t3;

-- case: suite/innodb/t/alter_algorithm.test:121 t2
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/alter_algorithm.test:121
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t2(f1 INT NOT NULL, f2 INT NOT NULL,
--   		f3 VARCHAR(10),
--   		INDEX(f1))ENGINE=INNODB
CREATE TABLE t2(f1 INT NOT NULL, f2 INT NOT NULL,
		f3 VARCHAR(10),
		INDEX(f1), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk))ENGINE=INNODB;
-- ddl
ALTER TABLE t2 CHANGE f3 f3 VARCHAR(20);
