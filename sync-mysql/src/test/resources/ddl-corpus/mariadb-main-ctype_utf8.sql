-- Cases extracted from MariaDB's server test suite, main/ctype_utf8.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: main/ctype_utf8.test:215 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/ctype_utf8.test:215
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a enum ('Y', 'N') DEFAULT 'N' COLLATE utf8_unicode_ci)
CREATE TABLE t1 (a enum ('Y', 'N') DEFAULT 'N' COLLATE utf8_unicode_ci, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t1 ADD COLUMN b CHAR(20);

-- case: main/ctype_utf8.test:651 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/ctype_utf8.test:651
create table t1 (
  a int primary key,
  b varchar(6),
  index b3(b(3))
) engine=innodb character set=utf8;
insert into t1 values(1,'foo'),(2,'foobar');
-- ddl
alter table t1 engine=innodb;

-- case: main/ctype_utf8.test:936 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/ctype_utf8.test:936
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1(a VARCHAR(255), KEY(a)) ENGINE=MyISAM DEFAULT CHARSET=utf8
CREATE TABLE t1(a VARCHAR(255), KEY(a), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=MyISAM DEFAULT CHARSET=utf8;
INSERT INTO t1 VALUES('uuABCDEFGHIGKLMNOPRSTUVWXYZ̈bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb');
INSERT INTO t1 VALUES('uu');
INSERT INTO t1 VALUES('uU');
INSERT INTO t1 VALUES('uu');
INSERT INTO t1 VALUES('uuABC');
INSERT INTO t1 VALUES('UuABC');
INSERT INTO t1 VALUES('uuABC');
-- ddl
alter table t1 add b int;

-- case: main/ctype_utf8.test:967 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/ctype_utf8.test:967
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (s1 char(5) character set utf8)
create table t1 (s1 char(5) character set utf8, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values
('a'),('b'),(null),('ペテルグル'),('ü'),('Y');
-- ddl
create index it1 on t1 (s1);

-- case: main/ctype_utf8.test:977 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/ctype_utf8.test:977
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (s1 char(5) character set utf8 collate utf8_unicode_ci)
create table t1 (s1 char(5) character set utf8 collate utf8_unicode_ci, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values
('a'),('b'),(null),('ペテルグル'),('ü'),('Y');
-- ddl
create index it1 on t1 (s1);

-- case: main/ctype_utf8.test:987 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/ctype_utf8.test:987
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (s1 char(5) character set utf8 collate utf8_bin)
create table t1 (s1 char(5) character set utf8 collate utf8_bin, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values
('a'),('b'),(null),('ペテルグル'),('ü'),('Y');
-- ddl
create index it1 on t1 (s1);

-- case: main/ctype_utf8.test:1100 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/ctype_utf8.test:1100
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (
--     a char(255) DEFAULT ''
--   ) ENGINE=MyISAM DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci
CREATE TABLE t1 (
  a char(255) DEFAULT ''
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=MyISAM DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;
INSERT INTO t1 VALUES ('Käli Käli 2-4');
INSERT INTO t1 VALUES ('Käli Käli 2-4');
-- ddl
ALTER TABLE t1 ADD KEY (a(10));

-- case: main/ctype_utf8.test:1118 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/ctype_utf8.test:1118
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (
--     id int(11) NOT NULL default '0',
--     tid int(11) NOT NULL default '0',
--     val text NOT NULL,
--     INDEX idx(tid, val(10))
--   ) ENGINE=MyISAM DEFAULT CHARSET=utf8
CREATE TABLE t1 (
  id int(11) NOT NULL default '0',
  tid int(11) NOT NULL default '0',
  val text NOT NULL,
  INDEX idx(tid, val(10))
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=MyISAM DEFAULT CHARSET=utf8;
INSERT INTO t1 VALUES
  (40988,72,'VOLN� ADSL'),(41009,72,'VOLN� ADSL'),
  (41032,72,'VOLN� ADSL'),(41038,72,'VOLN� ADSL'),
  (41063,72,'VOLN� ADSL'),(41537,72,'VOLN� ADSL Office'),
  (42141,72,'VOLN� ADSL'),(42565,72,'VOLN� ADSL Combi'),
  (42749,72,'VOLN� ADSL'),(44205,72,'VOLN� ADSL');
-- ddl
ALTER TABLE t1 DROP KEY idx;
ALTER TABLE t1 ADD KEY idx (tid,val(11));

-- case: main/ctype_utf8.test:1473 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/ctype_utf8.test:1473
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a INT NOT NULL, b INT NOT NULL)
CREATE TABLE t1 (a INT NOT NULL, b INT NOT NULL, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES (70000, 1092), (70001, 1085), (70002, 1065);
-- ddl
ALTER TABLE t1 ADD UNIQUE (b);
DROP INDEX b ON t1;
ALTER TABLE t1 ADD INDEX (b);

-- case: main/ctype_utf8.test:1537 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/ctype_utf8.test:1537
CREATE TABLE t1 (
  clipid INT NOT NULL,
  Tape TINYTEXT,
  PRIMARY KEY (clipid),
  KEY tape(Tape(255))
) CHARACTER SET=utf8;
-- ddl
ALTER TABLE t1 ADD mos TINYINT DEFAULT 0 AFTER clipid;

-- case: main/ctype_utf8.test:1793 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/ctype_utf8.test:1793
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a varchar(128) character set utf8 collate utf8_general_ci)
create table t1 (a varchar(128) character set utf8 collate utf8_general_ci, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values ('a'),('b'),('c');
-- ddl
alter table t1 modify a varchar(128) character set utf8 collate utf8_bin;

-- case: main/ctype_utf8.test:2133 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/ctype_utf8.test:2133
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a VARCHAR(30) CHARACTER SET latin1 DEFAULT CONCAT('ß'))
CREATE TABLE t1 (a VARCHAR(30) CHARACTER SET latin1 DEFAULT CONCAT('ß'), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES (DEFAULT);
-- ddl
ALTER TABLE t1 ADD b VARCHAR(30) CHARACTER SET latin1 DEFAULT CONCAT('ß');
ALTER TABLE t1 ADD c VARCHAR(30) CHARACTER SET latin1 DEFAULT CONCAT('ÃŸ');

-- case: main/ctype_utf8.test:2562 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/ctype_utf8.test:2562
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a CHAR)
CREATE TABLE t1 (a CHAR, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t1
  MODIFY a CHAR COLLATE DEFAULT,
  CONVERT TO CHARACTER SET utf8mb3 COLLATE utf8mb3_bin;

-- case: main/ctype_utf8.test:2569 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/ctype_utf8.test:2569
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a CHAR)
CREATE TABLE t1 (a CHAR, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t1
  MODIFY a CHAR BINARY,
  CONVERT TO CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci;
