-- Cases extracted from MariaDB's server test suite, suite/parts/t/alter_table.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: suite/parts/t/alter_table.test:32 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/parts/t/alter_table.test:32
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a INT) PARTITION BY RANGE(a) SUBPARTITION BY HASH(a) (PARTITION p VALUES LESS THAN (5) (SUBPARTITION sp, SUBPARTITION sp1), PARTITION p1 VALUES LESS THAN MAXVALUE (SUBPARTITION sp2, SUBPARTITION sp3))
CREATE TABLE t1 (a INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a)) PARTITION BY RANGE(a) SUBPARTITION BY HASH(a) (PARTITION p VALUES LESS THAN (5) (SUBPARTITION sp, SUBPARTITION sp1), PARTITION p1 VALUES LESS THAN MAXVALUE (SUBPARTITION sp2, SUBPARTITION sp3));
-- ddl
ALTER TABLE t1 DROP PARTITION p;

-- case: suite/parts/t/alter_table.test:52 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/parts/t/alter_table.test:52
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE `t1` (
--       `f1` datetime ,
--       `f2` VARCHAR(2)  ,
--       `f3` VARCHAR(200) ,
--       `f4` VARCHAR(100)  ,
--       INDEX `i3` (`f4`)  )
--       PARTITION BY RANGE COLUMNS(`f2`)
--       (PARTITION `p_01` VALUES LESS THAN ('02') ENGINE = InnoDB,
--        PARTITION `p_31` VALUES LESS THAN (MAXVALUE) ENGINE = InnoDB)
CREATE TABLE `t1` (
    `f1` datetime ,
    `f2` VARCHAR(2)  ,
    `f3` VARCHAR(200) ,
    `f4` VARCHAR(100)  ,
    INDEX `i3` (`f4`)  , _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, `f2`))
    PARTITION BY RANGE COLUMNS(`f2`)
    (PARTITION `p_01` VALUES LESS THAN ('02') ENGINE = InnoDB,
     PARTITION `p_31` VALUES LESS THAN (MAXVALUE) ENGINE = InnoDB);
-- ddl
ALTER online TABLE t1 MODIFY COLUMN `f4`  VARCHAR(500) , ALGORITHM=INSTANT, LOCK=NONE;

-- case: suite/parts/t/alter_table.test:95 tp1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/parts/t/alter_table.test:95
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create or replace table tp1 (a int)
create or replace table tp1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
create or replace table tp1 (a int);

-- case: suite/parts/t/alter_table.test:96 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/parts/t/alter_table.test:96
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create or replace table t1 (a int)
--   partition by hash (a) partitions 2
create or replace table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a))
partition by hash (a) partitions 2;
-- ddl
create or replace table t1 (a int)
partition by range (a)
(partition p0 values less than (0));
alter table t1 convert table tp1 to partition p1 values less than (10);
alter table t1 convert table tp2 to partition p2 values less than (20);
create or replace table t1 (a int)
partition by range (a) (
p0 values less than (0),
pn values less than (30));
create or replace table t1 (x int);
create or replace table t1 (x int)
partition by hash(x) partitions 2;
create or replace table t1 (x int)
partition by key(x) partitions 2;
create or replace table t1 (x int)
partition by range(x)
subpartition by hash(x) subpartitions 3 (
  partition p1 values less than (10),
  partition pn values less than maxvalue);
create or replace table t1 (x int)
partition by range(x) (
  partition p1 values less than (10));
alter table t1 convert partition p2 to table tp2;
alter table t1 convert partition p3 to table EXISTENT.TP3;
alter table t1 convert partition p4 to table tp4;
alter table t1 convert partition p1 to table tp1;

-- case: suite/parts/t/alter_table.test:113 tp2
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/parts/t/alter_table.test:113
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table tp2 (x int)
create table tp2 (x int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
create or replace table tp2 (a int);
create or replace table tp2 (y int);

-- case: suite/parts/t/alter_table.test:364 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/parts/t/alter_table.test:364
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int) partition by range(a) (p1 values less than (100), p2 values less than (1000))
create table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a)) partition by range(a) (p1 values less than (100), p2 values less than (1000));
-- ddl
alter table t1 convert partition p2 to table tp;
alter table t1 convert table tp to partition p2 values less than (1000);

-- case: suite/parts/t/alter_table.test:377 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/suite/parts/t/alter_table.test:377
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t (f1 int, f2 int, f3 int, f4 int, f5 int, f6 int, f7 int) engine=myisam
--    partition by list (f3) (
--     partition p0 values in (null,0),
--     partition p1 values in (1,2,3),
--     partition p2 default
--   )
create table t (f1 int, f2 int, f3 int, f4 int, f5 int, f6 int, f7 int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, f3)) engine=myisam
 partition by list (f3) (
  partition p0 values in (null,0),
  partition p1 values in (1,2,3),
  partition p2 default
);
-- ddl
alter table t convert partition p0 to table tp;
