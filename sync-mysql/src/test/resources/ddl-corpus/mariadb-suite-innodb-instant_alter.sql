-- Cases extracted from MariaDB's server test suite, suite/innodb/t/instant_alter.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: suite/innodb/t/instant_alter.test:20 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter.test:20
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t(a INT UNIQUE)ENGINE=InnoDB ROW_FORMAT=COMPACT
CREATE TABLE t(a INT UNIQUE, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk))ENGINE=InnoDB ROW_FORMAT=COMPACT;
INSERT INTO t SET a=1;
-- ddl
ALTER TABLE t ADD b INT NOT NULL, ALGORITHM=COPY;
ALTER TABLE t ADD c INT NOT NULL, FORCE;
ALTER TABLE t ADD d INT NOT NULL;

-- case: suite/innodb/t/instant_alter.test:907 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter.test:907
CREATE TABLE t1(a INT PRIMARY KEY, b INT UNIQUE) ENGINE=InnoDB;
-- ddl
ALTER TABLE t1 DROP b, ALGORITHM=NOCOPY;

-- case: suite/innodb/t/instant_alter.test:922 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter.test:922
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1(a INT, b INT) ENGINE=INNODB
CREATE TABLE t1(a INT, b INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=INNODB;
-- ddl
CREATE INDEX i1 ON t1(a) COMMENT 'comment1';
ALTER TABLE t1 DROP INDEX i1, ADD INDEX i1(a) COMMENT 'comment2', ALGORITHM=INSTANT;

-- case: suite/innodb/t/instant_alter.test:932 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter.test:932
CREATE TABLE t1 (pk INT PRIMARY KEY AUTO_INCREMENT,
		 a CHAR(255) NOT NULL,
		 b CHAR(255) NOT NULL, c INT) ENGINE=InnoDB CHARSET utf32;
-- ddl
ALTER TABLE t1 DROP c;

-- case: suite/innodb/t/instant_alter.test:945 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter.test:945
CREATE TABLE t1 (f1 INT, f2 INT, f3 INT, f4 INT,
		 PRIMARY KEY(f1, f4),
		 KEY(f2))ENGINE=InnoDB;
-- ddl
ALTER TABLE t1 ADD f5 INT;
ALTER TABLE t1 DROP COLUMN f5;

-- case: suite/innodb/t/instant_alter.test:966 mdev28822_100427_innodb
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter.test:966
CREATE TABLE mdev28822_100427_innodb (
  id int not null primary key,
  msg varchar(10),
  index(id, msg)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC;
-- ddl
ALTER TABLE mdev28822_100427_innodb ADD i1 INTEGER, ALGORITHM=INSTANT;
