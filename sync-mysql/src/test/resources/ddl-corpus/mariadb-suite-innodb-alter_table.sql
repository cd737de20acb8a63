-- Cases extracted from MariaDB's server test suite, suite/innodb/t/alter_table.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: suite/innodb/t/alter_table.test:7 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/alter_table.test:7
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1(a text not null) row_format=dynamic engine=innodb
create table t1(a text not null, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) row_format=dynamic engine=innodb;
-- ddl
create index idx1 on t1(a(3073));

-- case: suite/innodb/t/alter_table.test:16 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/alter_table.test:16
create table t1 (
  id1    int(11)      not null auto_increment,
  id2    varchar(30)  not null,
  id3    datetime     not null default current_timestamp,
  primary key (id1),
  unique key unique_id2 (id2)
) engine=innodb;
-- ddl
alter table t1 change column id2 id4 varchar(100) not null;

-- case: suite/innodb/t/alter_table.test:32 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/alter_table.test:32
CREATE TABLE t1 (pk INT PRIMARY KEY) ENGINE=InnoDB;
-- ddl
ALTER TABLE t1 ORDER BY a;

-- case: suite/innodb/t/alter_table.test:37 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/alter_table.test:37
CREATE TABLE t1 (pk INT PRIMARY KEY) ENGINE=InnoDB;
-- ddl
ALTER TABLE t1 ORDER BY a;

-- case: suite/innodb/t/alter_table.test:49 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/alter_table.test:49
CREATE TABLE t1 (pk INT, a INT, PRIMARY KEY (pk), KEY (a), FOREIGN KEY (a) REFERENCES tx (pk)) ENGINE=InnoDB;
-- ddl
ALTER TABLE t1 ADD b INT;
ALTER TABLE t1 ADD c INT;

-- case: suite/innodb/t/alter_table.test:75 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/alter_table.test:75
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t (a INT) ENGINE=INNODB
CREATE TABLE t (a INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=INNODB;
-- ddl
ALTER TABLE t DISCARD TABLESPACE;

-- case: suite/innodb/t/alter_table.test:86 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/alter_table.test:86
CREATE TABLE t1 (a INT, b TEXT, c INT, PRIMARY KEY(b(9)), INDEX(c,a))
ENGINE=InnoDB;
-- ddl
ALTER TABLE t1 CHANGE COLUMN a u INT;

-- case: suite/innodb/t/alter_table.test:104 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/alter_table.test:104
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int) transactional=1 engine=aria
create table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) transactional=1 engine=aria;
-- ddl
alter table t1 engine=innodb;
alter table t1 add column b int;

-- case: suite/innodb/t/alter_table.test:129 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/alter_table.test:129
CREATE TABLE t (c INT PRIMARY KEY) ENGINE=INNODB;
-- ddl
ALTER TABLE t page_compressed=1;

-- case: suite/innodb/t/alter_table.test:141 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/innodb/t/alter_table.test:141
CREATE TABLE t1 (pk TIMESTAMP PRIMARY KEY, a TIMESTAMP NULL UNIQUE)
ENGINE=InnoDB;
INSERT INTO t1 VALUES
  ('2020-03-10 10:21:00', NULL),
  ('0000-00-00 00:00:00', '0000-00-00 00:00:00');
-- ddl
ALTER TABLE t1 FORCE, ALGORITHM=INPLACE;
