-- Cases extracted from MariaDB's server test suite, suite/innodb/t/alter_not_null.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: suite/innodb/t/alter_not_null.test:71 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/alter_not_null.test:71
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1(a INT, v INT AS (a), c INT, d INT NOT NULL, e INT) ENGINE=InnoDB
CREATE TABLE t1(a INT, v INT AS (a), c INT, d INT NOT NULL, e INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=InnoDB;
-- ddl
ALTER TABLE t1 DROP COLUMN c, CHANGE COLUMN e e INT NOT NULL;

-- case: suite/innodb/t/alter_not_null.test:77 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/alter_not_null.test:77
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a INT, v INT AS (a), d INT NOT NULL, e INT) ENGINE=InnoDB
CREATE TABLE t1 (a INT, v INT AS (a), d INT NOT NULL, e INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=InnoDB;
-- ddl
ALTER TABLE t1 FORCE;

-- case: suite/innodb/t/alter_not_null.test:85 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/alter_not_null.test:85
CREATE TABLE t1(c1 INT NOT NULL, c2 INT, PRIMARY KEY(c1))ENGINE=INNODB;
INSERT INTO t1 VALUES(1, NULL);
-- ddl
ALTER IGNORE TABLE t1 CHANGE c2 c2 INT NOT NULL DEFAULT 2;
