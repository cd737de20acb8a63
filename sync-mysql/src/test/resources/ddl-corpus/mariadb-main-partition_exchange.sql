-- Cases extracted from MariaDB's server test suite, main/partition_exchange.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: main/partition_exchange.test:10 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_exchange.test:10
CREATE TABLE t1 (
 id int(11) NOT NULL AUTO_INCREMENT,
 year year DEFAULT NULL,
 modified timestamp NOT NULL DEFAULT '0000-00-00 00:00:00',
 PRIMARY KEY (id)
) ENGINE=InnoDB ROW_FORMAT=COMPACT
PARTITION BY HASH (id)
PARTITIONS 2;
-- ddl
ALTER TABLE t1 EXCHANGE PARTITION p1 WITH TABLE t2;
ALTER TABLE t1 EXCHANGE PARTITION p1 WITH TABLE t2;

-- case: main/partition_exchange.test:59 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_exchange.test:59
CREATE TABLE t1 (
 id int(11) NOT NULL AUTO_INCREMENT,
 year year DEFAULT NULL,
 modified timestamp NOT NULL DEFAULT '0000-00-00 00:00:00',
 PRIMARY KEY (id)
) ENGINE=InnoDB
PARTITION BY HASH (id)
PARTITIONS 2;
-- ddl
ALTER TABLE t1 EXCHANGE PARTITION p1 WITH TABLE t2;

-- case: main/partition_exchange.test:84 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_exchange.test:84
CREATE TABLE t1 (
 id int(11) NOT NULL AUTO_INCREMENT,
 year year DEFAULT NULL,
 modified timestamp NOT NULL DEFAULT '0000-00-00 00:00:00',
 PRIMARY KEY (id)
) ENGINE=InnoDB
PARTITION BY HASH (id)
PARTITIONS 2;
-- ddl
ALTER TABLE t1 EXCHANGE PARTITION p1 WITH TABLE t2;

-- case: main/partition_exchange.test:109 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_exchange.test:109
CREATE TABLE t1 (
 id int(11) NOT NULL AUTO_INCREMENT,
 year year DEFAULT NULL,
 modified timestamp NOT NULL DEFAULT '0000-00-00 00:00:00',
 PRIMARY KEY (id)
) ENGINE=InnoDB ROW_FORMAT = REDUNDANT
PARTITION BY HASH (id)
PARTITIONS 2;
-- ddl
ALTER TABLE t1 EXCHANGE PARTITION p1 WITH TABLE t2;

-- case: main/partition_exchange.test:221 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_exchange.test:221
CREATE TABLE t (a INT,
  b VARCHAR(55),
  PRIMARY KEY (a))
ENGINE = MyISAM;
INSERT INTO t VALUES (1, "First value"), (3, "Three"), (5, "Five"), (99, "End of values");
-- ddl
ALTER TABLE t ENGINE = InnoDB;
ALTER TABLE t ENGINE = MyISAM;
ALTER TABLE t ENGINE = MyISAM;
ALTER TABLE t CHARACTER SET = koi8r COLLATE koi8r_general_ci;

-- case: main/partition_exchange.test:226 tp
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_exchange.test:226
CREATE TABLE tp (a INT,
  b VARCHAR(55),
  PRIMARY KEY (a))
ENGINE = MyISAM
PARTITION BY RANGE (a)
(PARTITION p0 VALUES LESS THAN (100),
 PARTITION p1 VALUES LESS THAN MAXVALUE);
INSERT INTO tp VALUES (2, "First value"), (10, "Ten"), (50, "Fifty"), (200, "Two hundred, end of values"), (61, "Sixty one"), (62, "Sixty two"), (63, "Sixty three"), (64, "Sixty four"), (161, "161"), (162, "162"), (163, "163"), (164, "164");
-- ddl
ALTER TABLE tp EXCHANGE PARTITION p0 WITH TABLE t;
ALTER TABLE tp EXCHANGE PARTITION p0 WITH TABLE t;
ALTER TABLE tp EXCHANGE PARTITION p0 WITH TABLE t;
ALTER TABLE tp EXCHANGE PARTITION p0 WITH TABLE t;
ALTER TABLE tp ENGINE = InnoDB;
ALTER TABLE tp EXCHANGE PARTITION p0 WITH TABLE t;
ALTER TABLE tp EXCHANGE PARTITION p0 WITH TABLE t;
ALTER TABLE tp ENGINE = InnoDB;
ALTER TABLE tp ENGINE = MyISAM;
ALTER TABLE tp ADD KEY ba_key (b, a);
ALTER TABLE tp EXCHANGE PARTITION p0 WITH TABLE t;
ALTER TABLE tp EXCHANGE PARTITION p0 WITH TABLE t;
ALTER TABLE tp ENGINE = MyISAM;
ALTER TABLE tp REMOVE PARTITIONING;

-- case: main/partition_exchange.test:234 tsp
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_exchange.test:234
CREATE TABLE tsp (a INT,
  b VARCHAR(55),
  PRIMARY KEY (a))
ENGINE = MyISAM
PARTITION BY RANGE (a)
SUBPARTITION BY HASH(a)
(PARTITION p0 VALUES LESS THAN (100)
 (SUBPARTITION sp0,
  SUBPARTITION sp1),
 PARTITION p1 VALUES LESS THAN MAXVALUE
 (SUBPARTITION sp2,
  SUBPARTITION sp3));
INSERT INTO tsp VALUES (2, "First value"), (10, "Ten"), (50, "Fifty"), (200, "Two hundred, end of values"), (61, "Sixty one"), (62, "Sixty two"), (63, "Sixty three"), (64, "Sixty four"), (161, "161"), (162, "162"), (163, "163"), (164, "164");
-- ddl
ALTER TABLE tsp EXCHANGE PARTITION sp1 WITH TABLE t;
ALTER TABLE tsp EXCHANGE PARTITION sp1 WITH TABLE t;
ALTER TABLE tsp ADD KEY ba_key (b, a);

-- case: main/partition_exchange.test:527 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_exchange.test:527
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a VARCHAR(200)) PARTITION BY KEY(a) partitions 10
CREATE TABLE t1 (a VARCHAR(200), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a)) PARTITION BY KEY(a) partitions 10;
-- ddl
ALTER TABLE t1 ADD PARTITION (PARTITION pm TABLESPACE = `innodb_file_per_table`);
ALTER TABLE t1 EXCHANGE PARTITION pm WITH TABLE t2;

-- case: main/partition_exchange.test:560 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_exchange.test:560
create or replace table t1(
  id int primary key,
  col1 int,
  col2 boolean as (col1 is null))
  partition by list (id) ( partition p1 values in (1)
);
-- ddl
alter table t1 exchange partition p1 with table t1_working;

-- case: main/partition_exchange.test:573 t2
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_exchange.test:573
create or replace table t2(
  id int primary key,
  col1 int,
  col2 boolean as (true))
  partition by list (id) ( partition p1 values in (1)
);
-- ddl
alter table t2 exchange partition p1 with table t2_working;

-- case: main/partition_exchange.test:590 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_exchange.test:590
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t (a int, b text, unique (b), unique(a, b)) partition by list (a) (partition p0 values in (1,2), partition pdef default)
create table t (a int, b text, unique (b), unique(a, b), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a)) partition by list (a) (partition p0 values in (1,2), partition pdef default);
-- ddl
alter table t exchange partition p0 with table tp;

-- case: main/partition_exchange.test:591 tp
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_exchange.test:591
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table tp (a int, b text, c int invisible, unique (b), unique(a, b))
create table tp (a int, b text, c int invisible, unique (b), unique(a, b), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
create or replace table tp (a int, b text, unique (b), unique(a, b));

-- case: main/partition_exchange.test:599 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_exchange.test:599
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t (a int, b int) with system versioning partition by list (a) (partition p0 values in (1,2))
create table t (a int, b int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a)) with system versioning partition by list (a) (partition p0 values in (1,2));
-- ddl
alter table t exchange partition p0 with table tp;

-- case: main/partition_exchange.test:600 tp
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_exchange.test:600
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table tp (a int, b int)
create table tp (a int, b int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
create or replace table tp (a int, b int) with system versioning;
