-- Cases extracted from MariaDB's server test suite, suite/innodb/t/instant_alter_charset.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: suite/innodb/t/instant_alter_charset.test:6 no_rebuild
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:6
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table no_rebuild (
--     a char(150) charset utf8mb3 collate utf8mb3_general_ci
--   ) engine=innodb
create table no_rebuild (
  a char(150) charset utf8mb3 collate utf8mb3_general_ci
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=innodb;
-- ddl
alter table no_rebuild
  change a a char(150) charset utf8mb3 collate utf8mb3_spanish_ci,
  algorithm=inplace;

-- case: suite/innodb/t/instant_alter_charset.test:9 rebuild
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:9
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table rebuild (
--     a varchar(150) charset ascii
--   ) engine=innodb
create table rebuild (
  a varchar(150) charset ascii
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=innodb;
-- ddl
alter table rebuild
  change a a varchar(150) charset latin1 not null default 'asdf',
  algorithm=copy;

-- case: suite/innodb/t/instant_alter_charset.test:36 supported_types
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:36
create table supported_types (
  id int primary key auto_increment,
  a varchar(150) charset ascii,
  b text(150) charset ascii,
  c text charset ascii,
  d tinytext charset ascii,
  e mediumtext charset ascii,
  f longtext charset ascii
) engine=innodb;
-- ddl
alter table supported_types
  convert to charset ascii collate ascii_bin,
  algorithm=instant;

-- case: suite/innodb/t/instant_alter_charset.test:52 various_cases
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:52
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table various_cases (
--     a char(150) charset ascii,
--     b varchar(150) as (a) virtual,
--     c char(150) as (a) persistent
--   ) engine=innodb
create table various_cases (
  a char(150) charset ascii,
  b varchar(150) as (a) virtual,
  c char(150) as (a) persistent
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=innodb;
-- ddl
alter table various_cases
  change a a char(150) charset ascii collate ascii_bin,
  algorithm=inplace;
alter table various_cases
  change b b varchar(150) as (a) virtual,
  algorithm=inplace;

-- case: suite/innodb/t/instant_alter_charset.test:85 all_texts
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:85
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table all_texts (
--     a tinytext charset ascii,
--     b text charset ascii,
--     c mediumtext charset ascii,
--     d longtext charset ascii,
--     footer int
--   ) engine=innodb
create table all_texts (
  a tinytext charset ascii,
  b text charset ascii,
  c mediumtext charset ascii,
  d longtext charset ascii,
  footer int
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=innodb;
-- ddl
alter table all_texts
  convert to charset ascii collate ascii_bin,
  algorithm=instant;

-- case: suite/innodb/t/instant_alter_charset.test:210 compressed
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:210
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table compressed (
--     a varchar(255) compressed charset utf8mb3
--   ) engine=innodb
create table compressed (
  a varchar(255) compressed charset utf8mb3
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=innodb;
insert into compressed values ('AAA'), ('bbb'), ('CCC');
-- ddl
alter table compressed
  modify a varchar(255) compressed charset utf8mb4,
  algorithm=instant;

-- case: suite/innodb/t/instant_alter_charset.test:225 key_part_bug
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:225
create table key_part_bug (
  id int primary key auto_increment,
  a varchar(150) charset utf8mb3 unique key
) engine=innodb;
-- ddl
alter table key_part_bug
  modify a varchar(150) charset utf8mb4,
  algorithm=instant;

-- case: suite/innodb/t/instant_alter_charset.test:237 latin1_swedish_special_case
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:237
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table latin1_swedish_special_case (
--     copy1 varchar(150) charset ascii collate ascii_general_ci,
--     copy2 char(150) charset ascii collate ascii_general_ci,
--     instant1 varchar(150) charset ascii collate ascii_general_ci,
--     instant2 char(150) charset ascii collate ascii_general_ci
--   ) engine=innodb
create table latin1_swedish_special_case (
  copy1 varchar(150) charset ascii collate ascii_general_ci,
  copy2 char(150) charset ascii collate ascii_general_ci,
  instant1 varchar(150) charset ascii collate ascii_general_ci,
  instant2 char(150) charset ascii collate ascii_general_ci
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=innodb;
-- ddl
alter table latin1_swedish_special_case
  modify copy1 varchar(150) charset latin1 collate latin1_swedish_ci,
  modify copy2 char(150) charset latin1 collate latin1_swedish_ci,
  algorithm=copy;
alter table latin1_swedish_special_case
  modify instant1 varchar(150) charset latin1 collate latin1_swedish_ci,
  modify instant2 char(150) charset latin1 collate latin1_swedish_ci,
  algorithm=copy;
alter table latin1_swedish_special_case
  modify copy1 varchar(150) charset latin1 collate latin1_general_ci,
  modify copy2 char(150) charset latin1 collate latin1_general_ci,
  algorithm=copy;
alter table latin1_swedish_special_case
  modify instant1 varchar(150) charset latin1 collate latin1_general_ci,
  modify instant2 char(150) charset latin1 collate latin1_general_ci,
  algorithm=instant;

-- case: suite/innodb/t/instant_alter_charset.test:274 regression
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:274
create table regression (a varchar(100) charset utf8mb3 primary key, b int) engine=innodb;
-- ddl
alter table regression convert to character set utf8mb4;

-- case: suite/innodb/t/instant_alter_charset.test:280 boundary_255
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:280
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table boundary_255 (
--     a varchar(50) charset ascii,
--     b varchar(200) charset ascii,
--     c varchar(300) charset ascii
--   ) engine=innodb
create table boundary_255 (
  a varchar(50) charset ascii,
  b varchar(200) charset ascii,
  c varchar(300) charset ascii
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=innodb;
-- ddl
alter table boundary_255
  modify a varchar(50) charset utf8mb3,
  algorithm=copy;

-- case: suite/innodb/t/instant_alter_charset.test:306 boundary_255
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:306
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table boundary_255 (
--     a varchar(70) charset utf8mb3
--   ) engine=innodb
create table boundary_255 (
  a varchar(70) charset utf8mb3
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=innodb;
-- ddl
alter table boundary_255
  modify a varchar(70) charset utf8mb4,
  algorithm=instant;

-- case: suite/innodb/t/instant_alter_charset.test:325 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:325
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t (
--     a char(10) collate utf8mb3_general_ci,
--     b char(70) collate utf8mb3_general_ci,
--     c char(100) collate utf8mb3_general_ci,
--   
--     aa char(10) collate utf8mb3_general_ci unique,
--     bb char(70) collate utf8mb3_general_ci unique,
--     cc char(100) collate utf8mb3_general_ci unique,
--   
--     d char(10) collate utf8mb3_general_ci,
--     dd char(10) collate utf8mb3_general_ci unique
--   ) engine=innodb
create table t (
  a char(10) collate utf8mb3_general_ci,
  b char(70) collate utf8mb3_general_ci,
  c char(100) collate utf8mb3_general_ci,

  aa char(10) collate utf8mb3_general_ci unique,
  bb char(70) collate utf8mb3_general_ci unique,
  cc char(100) collate utf8mb3_general_ci unique,

  d char(10) collate utf8mb3_general_ci,
  dd char(10) collate utf8mb3_general_ci unique
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=innodb;
insert into t values
  (repeat('a', 10), repeat('a', 70), repeat('a', 100),
   repeat('a', 10), repeat('a', 70), repeat('a', 100),
   repeat('a', 10), repeat('a', 10)
);
-- ddl
alter table t modify a char(10) collate utf8mb4_general_ci, algorithm=instant;
alter table t modify b char(70) collate utf8mb4_general_ci, algorithm=instant;
alter table t modify c char(100) collate utf8mb4_general_ci, algorithm=instant;
alter table t modify aa char(10) collate utf8mb4_general_ci, algorithm=instant;
alter table t modify bb char(70) collate utf8mb4_general_ci, algorithm=instant;
alter table t modify cc char(100) collate utf8mb4_general_ci, algorithm=instant;
alter table t modify d char(10) collate utf8mb4_spanish_ci, algorithm=instant;

-- case: suite/innodb/t/instant_alter_charset.test:631 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:631
CREATE TABLE t1 (a VARCHAR(10) CHARACTER SET ucs2, PRIMARY KEY(a)) ENGINE=InnoDB;
INSERT INTO t1 VALUES ('a'),(0xD800);
-- ddl
ALTER IGNORE TABLE t1 MODIFY a VARCHAR(10) CHARACTER SET utf16;

-- case: suite/innodb/t/instant_alter_charset.test:646 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:646
CREATE TABLE t1 (a VARCHAR(10) CHARACTER SET ascii COLLATE ascii_general_ci, PRIMARY KEY(a)) ENGINE=InnoDB;
INSERT INTO t1 VALUES ('a'),(0xC0),('b');
-- ddl
ALTER IGNORE TABLE t1 MODIFY a VARCHAR(10) CHARACTER SET latin1 COLLATE latin1_general_ci;

-- case: suite/innodb/t/instant_alter_charset.test:673 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:673
create table t (
  a char(10) collate latin1_general_ci primary key,
  b char(10) collate latin1_general_ci,
  c char(10) collate latin1_general_ci,
  unique key b_key(b)
) engine=innodb;
insert into t values
  ('aaa', 'aaa', 'aaa'), ('ccc', 'ccc', 'ccc'), ('bbb', 'bbb', 'bbb');
-- ddl
alter table t modify b char(10) collate latin1_general_cs, algorithm=nocopy;
alter table t modify c char(10) collate latin1_general_cs, algorithm=instant;

-- case: suite/innodb/t/instant_alter_charset.test:696 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:696
create table t (
  a varchar(10) collate latin1_general_ci primary key,
  b varchar(10) collate latin1_general_ci,
  c varchar(10) collate latin1_general_ci,
  unique key b_key(b)
) engine=innodb;
insert into t values
  ('aaa', 'aaa', 'aaa'), ('ccc', 'ccc', 'ccc'), ('bbb', 'bbb', 'bbb');
-- ddl
alter table t modify b varchar(10) collate latin1_general_cs, algorithm=nocopy;
alter table t modify c varchar(10) collate latin1_general_cs, algorithm=instant;

-- case: suite/innodb/t/instant_alter_charset.test:723 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:723
CREATE TABLE t (
  id int(10) unsigned NOT NULL PRIMARY KEY,
  a text CHARSET utf8mb3,
  KEY a_idx(a(1))
) ENGINE=InnoDB;
INSERT INTO t VALUES (1, 'something in the air');
-- ddl
ALTER TABLE t MODIFY a text CHARSET utf8mb4;

-- case: suite/innodb/t/instant_alter_charset.test:739 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:739
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (
--     a text CHARACTER SET utf8 DEFAULT NULL,
--     KEY a_key (a(1))
--   ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
CREATE TABLE t1 (
  a text CHARACTER SET utf8 DEFAULT NULL,
  KEY a_key (a(1))
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO t1 VALUES ();
-- ddl
ALTER TABLE t1 MODIFY a text DEFAULT NULL;

-- case: suite/innodb/t/instant_alter_charset.test:747 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:747
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (
--     a text CHARACTER SET utf8 DEFAULT NULL,
--     b int,
--     KEY a_key (b, a(1))
--   ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
CREATE TABLE t1 (
  a text CHARACTER SET utf8 DEFAULT NULL,
  b int,
  KEY a_key (b, a(1))
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO t1 VALUES ();
-- ddl
ALTER TABLE t1 MODIFY a text DEFAULT NULL;

-- case: suite/innodb/t/instant_alter_charset.test:756 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:756
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (
--     a char(200) CHARACTER SET utf8 DEFAULT NULL,
--     KEY a_key (a(1))
--   ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
CREATE TABLE t1 (
  a char(200) CHARACTER SET utf8 DEFAULT NULL,
  KEY a_key (a(1))
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO t1 VALUES ();
-- ddl
ALTER TABLE t1 MODIFY a text DEFAULT NULL;

-- case: suite/innodb/t/instant_alter_charset.test:764 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:764
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (
--     a char(200) CHARACTER SET utf8 DEFAULT NULL,
--     b int,
--     KEY a_key (b, a(1))
--   ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
CREATE TABLE t1 (
  a char(200) CHARACTER SET utf8 DEFAULT NULL,
  b int,
  KEY a_key (b, a(1))
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO t1 VALUES ();
-- ddl
ALTER TABLE t1 MODIFY a text DEFAULT NULL;

-- case: suite/innodb/t/instant_alter_charset.test:773 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:773
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (
--     a varchar(200) CHARACTER SET utf8 DEFAULT NULL,
--     KEY a_key (a(1))
--   ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
CREATE TABLE t1 (
  a varchar(200) CHARACTER SET utf8 DEFAULT NULL,
  KEY a_key (a(1))
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO t1 VALUES ();
-- ddl
ALTER TABLE t1 MODIFY a text DEFAULT NULL;

-- case: suite/innodb/t/instant_alter_charset.test:781 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:781
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (
--     a varchar(200) CHARACTER SET utf8 DEFAULT NULL,
--     b int,
--     KEY a_key (b, a(1))
--   ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
CREATE TABLE t1 (
  a varchar(200) CHARACTER SET utf8 DEFAULT NULL,
  b int,
  KEY a_key (b, a(1))
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO t1 VALUES ();
-- ddl
ALTER TABLE t1 MODIFY a text DEFAULT NULL;

-- case: suite/innodb/t/instant_alter_charset.test:790 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:790
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (
--     a varchar(2000) CHARACTER SET utf8 DEFAULT NULL,
--     KEY a_key (a(1))
--   ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
CREATE TABLE t1 (
  a varchar(2000) CHARACTER SET utf8 DEFAULT NULL,
  KEY a_key (a(1))
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO t1 VALUES ();
-- ddl
ALTER TABLE t1 MODIFY a text DEFAULT NULL;

-- case: suite/innodb/t/instant_alter_charset.test:798 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:798
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (
--     a varchar(2000) CHARACTER SET utf8 DEFAULT NULL,
--     b int,
--     KEY a_key (b, a(1))
--   ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
CREATE TABLE t1 (
  a varchar(2000) CHARACTER SET utf8 DEFAULT NULL,
  b int,
  KEY a_key (b, a(1))
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO t1 VALUES ();
-- ddl
ALTER TABLE t1 MODIFY a text DEFAULT NULL;

-- case: suite/innodb/t/instant_alter_charset.test:811 foo
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:811
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE Foo
--   (
--       Bar char(2) CHARACTER SET utf8,
--       KEY Bar (Bar(1))
--   ) ENGINE = InnoDB
CREATE TABLE Foo
(
    Bar char(2) CHARACTER SET utf8,
    KEY Bar (Bar(1))
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE = InnoDB;
-- ddl
ALTER TABLE Foo MODIFY Bar char(2) CHARACTER SET utf8mb4;

-- case: suite/innodb/t/instant_alter_charset.test:820 foo
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:820
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE Foo
--   (
--       Bar varchar(2) CHARACTER SET utf8,
--       KEY Bar (Bar(1))
--   ) ENGINE = InnoDB
CREATE TABLE Foo
(
    Bar varchar(2) CHARACTER SET utf8,
    KEY Bar (Bar(1))
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE = InnoDB;
-- ddl
ALTER TABLE Foo MODIFY Bar varchar(2) CHARACTER SET utf8mb4;

-- case: suite/innodb/t/instant_alter_charset.test:829 foo
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:829
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE Foo
--   (
--       Bar text CHARACTER SET utf8,
--       KEY Bar (Bar(1))
--   ) ENGINE = InnoDB
CREATE TABLE Foo
(
    Bar text CHARACTER SET utf8,
    KEY Bar (Bar(1))
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE = InnoDB;
-- ddl
ALTER TABLE Foo MODIFY Bar text CHARACTER SET utf8mb4;

-- case: suite/innodb/t/instant_alter_charset.test:838 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:838
CREATE TABLE t1 (a VARCHAR(2) CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci,
PRIMARY KEY (a(1)))
ENGINE=InnoDB;
-- ddl
ALTER TABLE t1 MODIFY a VARCHAR(2)
CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- case: suite/innodb/t/instant_alter_charset.test:852 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:852
create table t1 (id int primary key) engine=innodb default charset=utf8;
-- ddl
alter table t1 change id id2 int;

-- case: suite/innodb/t/instant_alter_charset.test:866 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:866
CREATE TABLE t1 (id INT PRIMARY KEY, a VARCHAR(32), KEY (a(7))) ENGINE=INNODB DEFAULT CHARSET=UTF8;
INSERT INTO t1 VALUES (1, 'a1'), (2, 'a1');
-- ddl
ALTER TABLE t1 CONVERT TO CHARACTER SET UTF8MB4 COLLATE UTF8MB4_UNICODE_520_CI;

-- case: suite/innodb/t/instant_alter_charset.test:879 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/instant_alter_charset.test:879
CREATE TABLE t1 (id INT PRIMARY KEY, a CHAR(32), KEY (a(7))) ENGINE=INNODB DEFAULT CHARSET=UTF8;
INSERT INTO t1 VALUES (1, 'a1'), (2, 'a1');
-- ddl
ALTER TABLE t1 CONVERT TO CHARACTER SET UTF8MB4 COLLATE UTF8MB4_UNICODE_520_CI;
