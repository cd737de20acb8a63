-- Cases extracted from MariaDB's server test suite, main/partition.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: main/partition.test:21 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:21
CREATE TABLE t1 (
       id MEDIUMINT NOT NULL AUTO_INCREMENT,
       dt DATE, st VARCHAR(255), uid INT,
       id2nd LONGBLOB, filler VARCHAR(255), PRIMARY KEY(id, dt)
);
INSERT INTO t1 (dt, st, uid, id2nd, filler) VALUES
   ('1991-03-14', 'Initial Insert', 200, 1234567, 'No Data'),
   ('1991-02-26', 'Initial Insert', 201, 1234567, 'No Data'),
   ('1992-03-16', 'Initial Insert', 234, 1234567, 'No Data'),
   ('1992-07-02', 'Initial Insert', 287, 1234567, 'No Data'),
   ('1991-05-26', 'Initial Insert', 256, 1234567, 'No Data'),
   ('1991-04-25', 'Initial Insert', 222, 1234567, 'No Data'),
   ('1993-03-12', 'Initial Insert', 267, 1234567, 'No Data'),
   ('1993-03-14', 'Initial Insert', 291, 1234567, 'No Data'),
   ('1991-12-20', 'Initial Insert', 298, 1234567, 'No Data'),
   ('1994-10-31', 'Initial Insert', 220, 1234567, 'No Data');
-- ddl
ALTER TABLE t1 PARTITION BY LIST (YEAR(dt)) (
    PARTITION d1 VALUES IN (1991, 1994),
    PARTITION d2 VALUES IN (1993),
    PARTITION d3 VALUES IN (1992, 1995, 1996)
);

-- case: main/partition.test:193 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:193
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a INT, b INT)
--   PARTITION BY LIST (a)
--   SUBPARTITION BY HASH (b)
--   (PARTITION p1 VALUES IN (1))
CREATE TABLE t1 (a INT, b INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a))
PARTITION BY LIST (a)
SUBPARTITION BY HASH (b)
(PARTITION p1 VALUES IN (1));
-- ddl
ALTER TABLE t1 ADD COLUMN c INT;

-- case: main/partition.test:225 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:225
CREATE TABLE t1 (
  a timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  b varchar(10),
  PRIMARY KEY (a)
)
PARTITION BY RANGE (UNIX_TIMESTAMP(a)) (
 PARTITION p1 VALUES LESS THAN (1199134800),
 PARTITION pmax VALUES LESS THAN MAXVALUE
);
INSERT INTO t1 VALUES ('2007-07-30 17:35:48', 'p1');
INSERT INTO t1 VALUES ('2009-07-14 17:35:55', 'pmax');
INSERT INTO t1 VALUES ('2009-09-21 17:31:42', 'pmax');
-- ddl
ALTER TABLE t1 REORGANIZE PARTITION pmax INTO (
 PARTITION p3 VALUES LESS THAN (1247688000),
 PARTITION pmax VALUES LESS THAN MAXVALUE);

-- case: main/partition.test:280 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:280
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int)
--   partition by hash (a)
create table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a))
partition by hash (a);
-- ddl
create index i on t1 (a);
create index i2 on t1 (a);

-- case: main/partition.test:348 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:348
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a INT)
--   ENGINE=Memory
CREATE TABLE t1 (a INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk))
ENGINE=Memory;
-- ddl
ALTER TABLE t1 ENGINE=NonExistentEngine;
ALTER TABLE t1
PARTITION BY HASH (a)
(PARTITION p0 ENGINE=Memory,
 PARTITION p1 ENGINE=NonExistentEngine);
ALTER TABLE t1 ENGINE=NonExistentEngine;

-- case: main/partition.test:396 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:396
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (
--     a INT NOT NULL,   
--     b MEDIUMINT NOT NULL,   
--     c INT NOT NULL,
--     KEY b (b)
--   ) ENGINE=MyISAM
--   PARTITION BY LIST (a) (
--     PARTITION p0 VALUES IN (1) 
--   )
CREATE TABLE t1 (
  a INT NOT NULL,   
  b MEDIUMINT NOT NULL,   
  c INT NOT NULL,
  KEY b (b)
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a)) ENGINE=MyISAM
PARTITION BY LIST (a) (
  PARTITION p0 VALUES IN (1) 
);
-- ddl
ALTER TABLE t1 DROP INDEX b;
ALTER TABLE t1 ENGINE = Memory;
ALTER TABLE t1 ADD INDEX b USING HASH (b);

-- case: main/partition.test:551 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:551
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (
--       d DATE NOT NULL
--   )
--   PARTITION BY RANGE( YEAR(d) ) (
--       PARTITION p0 VALUES LESS THAN (1960),
--       PARTITION p1 VALUES LESS THAN (1970),
--       PARTITION p2 VALUES LESS THAN (1980),
--       PARTITION p3 VALUES LESS THAN (1990)
--   )
CREATE TABLE t1 (
    d DATE NOT NULL
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, d))
PARTITION BY RANGE( YEAR(d) ) (
    PARTITION p0 VALUES LESS THAN (1960),
    PARTITION p1 VALUES LESS THAN (1970),
    PARTITION p2 VALUES LESS THAN (1980),
    PARTITION p3 VALUES LESS THAN (1990)
);
-- ddl
ALTER TABLE t1 ADD PARTITION (
PARTITION `p5` VALUES LESS THAN (2010)
COMMENT 'APSTART \' APEND'
);

-- case: main/partition.test:575 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:575
create table t1 (id int auto_increment, s1 int, primary key (id));
insert into t1 values (null,1);
insert into t1 values (null,6);
-- ddl
alter table t1 partition by range (id) (
  partition p0 values less than (3),
  partition p1 values less than maxvalue
);

-- case: main/partition.test:665 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:665
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int)
--   partition by range (a)
--   subpartition by key (a)
--   (partition p0 values less than (1))
create table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a))
partition by range (a)
subpartition by key (a)
(partition p0 values less than (1));
-- ddl
alter table t1 add partition (partition p1 values less than (2));
alter table t1 reorganize partition p1 into (partition p1 values less than (3));

-- case: main/partition.test:835 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:835
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a int, name VARCHAR(50), purchased DATE)
--   PARTITION BY RANGE (a)
--   (PARTITION p0 VALUES LESS THAN (3),
--    PARTITION p1 VALUES LESS THAN (7),
--    PARTITION p2 VALUES LESS THAN (9),
--    PARTITION p3 VALUES LESS THAN (11))
CREATE TABLE t1 (a int, name VARCHAR(50), purchased DATE, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a))
PARTITION BY RANGE (a)
(PARTITION p0 VALUES LESS THAN (3),
 PARTITION p1 VALUES LESS THAN (7),
 PARTITION p2 VALUES LESS THAN (9),
 PARTITION p3 VALUES LESS THAN (11));
INSERT INTO t1 VALUES
(1, 'desk organiser', '2003-10-15'),
(2, 'CD player', '1993-11-05'),
(3, 'TV set', '1996-03-10'),
(4, 'bookcase', '1982-01-10'),
(5, 'exercise bike', '2004-05-09'),
(6, 'sofa', '1987-06-05'),
(7, 'popcorn maker', '2001-11-22'),
(8, 'acquarium', '1992-08-04'),
(9, 'study desk', '1984-09-16'),
(10, 'lava lamp', '1998-12-25');
-- ddl
ALTER TABLE t1 DROP PARTITION p0;

-- case: main/partition.test:863 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:863
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a int)
--   PARTITION BY LIST (a)
--   (PARTITION p0 VALUES IN (1,2,3), PARTITION p1 VALUES IN (4,5,6))
CREATE TABLE t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a))
PARTITION BY LIST (a)
(PARTITION p0 VALUES IN (1,2,3), PARTITION p1 VALUES IN (4,5,6));
insert into t1 values (1),(2),(3),(4),(5),(6);
-- ddl
truncate t1;
truncate t1;

-- case: main/partition.test:970 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:970
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1
--   (a int)
--   partition by range (a)
--     ( partition p0 values less than(10),
--       partition p1 values less than (20),
--       partition p2 values less than (25))
create table t1
(a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a))
partition by range (a)
  ( partition p0 values less than(10),
    partition p1 values less than (20),
    partition p2 values less than (25));
-- ddl
alter table t1 reorganize partition p2 into (partition p2 values less than (30));

-- case: main/partition.test:981 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:981
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a int, b int)
--   PARTITION BY RANGE (a)
--   (PARTITION x0 VALUES LESS THAN (2),
--    PARTITION x1 VALUES LESS THAN (4),
--    PARTITION x2 VALUES LESS THAN (6),
--    PARTITION x3 VALUES LESS THAN (8),
--    PARTITION x4 VALUES LESS THAN (10),
--    PARTITION x5 VALUES LESS THAN (12),
--    PARTITION x6 VALUES LESS THAN (14),
--    PARTITION x7 VALUES LESS THAN (16),
--    PARTITION x8 VALUES LESS THAN (18),
--    PARTITION x9 VALUES LESS THAN (20))
CREATE TABLE t1 (a int, b int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a))
PARTITION BY RANGE (a)
(PARTITION x0 VALUES LESS THAN (2),
 PARTITION x1 VALUES LESS THAN (4),
 PARTITION x2 VALUES LESS THAN (6),
 PARTITION x3 VALUES LESS THAN (8),
 PARTITION x4 VALUES LESS THAN (10),
 PARTITION x5 VALUES LESS THAN (12),
 PARTITION x6 VALUES LESS THAN (14),
 PARTITION x7 VALUES LESS THAN (16),
 PARTITION x8 VALUES LESS THAN (18),
 PARTITION x9 VALUES LESS THAN (20));
-- ddl
ALTER TABLE t1 REORGANIZE PARTITION x0,x1,x2 INTO
(PARTITION x1 VALUES LESS THAN (6));

-- case: main/partition.test:1060 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:1060
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (s1 int, unique (s1)) partition by list (s1) (partition x1 VALUES in (10), partition x2 values in (20))
create table t1 (s1 int, unique (s1), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, s1)) partition by list (s1) (partition x1 VALUES in (10), partition x2 values in (20));
-- ddl
alter table t1 add partition (partition x3 values in (30));

-- case: main/partition.test:1070 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:1070
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int)
--   partition by key(a)
--   partitions 2
--   (partition p0 engine=myisam, partition p1 engine=myisam)
create table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a))
partition by key(a)
partitions 2
(partition p0 engine=myisam, partition p1 engine=myisam);
-- ddl
alter table t1;
alter table t1 engine=myisam;
alter table t1 engine=heap;
alter table t1 remove partitioning;

-- case: main/partition.test:1090 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:1090
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int)
--   engine=myisam
--   partition by key(a)
--   partitions 2
--   (partition p0 engine=myisam, partition p1 engine=myisam)
create table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a))
engine=myisam
partition by key(a)
partitions 2
(partition p0 engine=myisam, partition p1 engine=myisam);
-- ddl
alter table t1 add column b int remove partitioning;
alter table t1
engine=myisam
partition by key(a)
(partition p0 engine=myisam, partition p1);
alter table t1
engine=heap
partition by key(a)
(partition p0, partition p1 engine=heap);
alter table t1 engine=myisam, add column c int remove partitioning;
alter table t1
engine=heap
partition by key (a)
(partition p0, partition p1);
alter table t1
partition by key (a)
(partition p0, partition p1);
alter table t1
engine=heap
partition by key (a)
(partition p0, partition p1);
alter table t1
partition by key(a)
(partition p0, partition p1 engine=heap);
alter table t1
partition by key(a)
(partition p0 engine=heap, partition p1);

-- case: main/partition.test:1315 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:1315
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int)
--   partition by range (a) subpartition by hash (a)
--   (partition p0 values less than (100))
create table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a))
partition by range (a) subpartition by hash (a)
(partition p0 values less than (100));
-- ddl
alter table t1 add partition (partition p1 values less than (200)
(subpartition subpart21));

-- case: main/partition.test:1327 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:1327
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int)
--   partition by key (a)
create table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a))
partition by key (a);
-- ddl
alter table t1 add partition (partition p1);

-- case: main/partition.test:1459 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:1459
create table t1 (a int unsigned not null auto_increment primary key)
partition by key(a);
-- ddl
alter table t1 rename t2, add c char(10), comment "no comment";

-- case: main/partition.test:1689 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:1689
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int) engine=memory
--   partition by key(a)
create table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a)) engine=memory
partition by key(a);
insert into t1 values (1);
-- ddl
create index inx1 on t1(a);

-- case: main/partition.test:1728 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:1728
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a int) ENGINE = MYISAM PARTITION BY KEY(a)
CREATE TABLE t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a)) ENGINE = MYISAM PARTITION BY KEY(a);
INSERT into t1 values (1), (2);
-- ddl
ALTER TABLE t1 OPTIMIZE PARTITION p0;

-- case: main/partition.test:1743 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:1743
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a int, index(a)) PARTITION BY KEY(a)
CREATE TABLE t1 (a int, index(a), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a)) PARTITION BY KEY(a);
-- ddl
ALTER TABLE t1 DISABLE KEYS;
ALTER TABLE t1 ENABLE KEYS;

-- case: main/partition.test:1821 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:1821
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (
--     num int(11) NOT NULL, cs int(11) NOT NULL)
--   PARTITION BY RANGE (num) SUBPARTITION BY HASH (
--   cs) SUBPARTITIONS 2 (PARTITION p_X VALUES LESS THAN MAXVALUE)
CREATE TABLE t1 (
  num int(11) NOT NULL, cs int(11) NOT NULL, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, num))
PARTITION BY RANGE (num) SUBPARTITION BY HASH (
cs) SUBPARTITIONS 2 (PARTITION p_X VALUES LESS THAN MAXVALUE);
-- ddl
ALTER TABLE t1 
REORGANIZE PARTITION p_X INTO ( 
    PARTITION p_100 VALUES LESS THAN (100), 
    PARTITION p_X VALUES LESS THAN MAXVALUE 
    );

-- case: main/partition.test:1962 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:1962
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1(a INT NOT NULL, b TINYBLOB, KEY(a))
--     PARTITION BY RANGE(a) ( PARTITION p0 VALUES LESS THAN (32))
CREATE TABLE t1(a INT NOT NULL, b TINYBLOB, KEY(a), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a))
  PARTITION BY RANGE(a) ( PARTITION p0 VALUES LESS THAN (32));
INSERT INTO t1 VALUES (1, REPEAT('a', 10));
-- ddl
ALTER TABLE t1 ADD PARTITION (PARTITION p1 VALUES LESS THAN (64));
ALTER TABLE t1 DROP PARTITION p1;

-- case: main/partition.test:2050 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:2050
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1(a int)
--   PARTITION BY RANGE (a) (
--     PARTITION p1 VALUES LESS THAN (10),
--     PARTITION p2 VALUES LESS THAN (20)
--   )
CREATE TABLE t1(a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a))
PARTITION BY RANGE (a) (
  PARTITION p1 VALUES LESS THAN (10),
  PARTITION p2 VALUES LESS THAN (20)
);
-- ddl
ALTER TABLE t1 ANALYZE PARTITION p1;
ALTER TABLE t1 CHECK PARTITION p1;
ALTER TABLE t1 REPAIR PARTITION p1;
ALTER TABLE t1 OPTIMIZE PARTITION p1;

-- case: main/partition.test:2187 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:2187
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (c1 INT)
--          PARTITION BY LIST(1 DIV c1) (
--          PARTITION p0 VALUES IN (NULL),
--          PARTITION p1 VALUES IN (1)
--        )
CREATE TABLE t1 (c1 INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, DIV, c1))
       PARTITION BY LIST(1 DIV c1) (
       PARTITION p0 VALUES IN (NULL),
       PARTITION p1 VALUES IN (1)
     );
-- ddl
TRUNCATE t1;

-- case: main/partition.test:2209 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:2209
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (s1 int) partition by hash(s1) partitions 2
create table t1 (s1 int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, s1)) partition by hash(s1) partitions 2;
-- ddl
create index i on t1 (s1);

-- case: main/partition.test:2218 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:2218
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (s1 int) partition by range(s1) 
--           (partition pa1 values less than (10),
--            partition pa2 values less than MAXVALUE)
create table t1 (s1 int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, s1)) partition by range(s1) 
        (partition pa1 values less than (10),
         partition pa2 values less than MAXVALUE);
-- ddl
create index i on t1 (s1);

-- case: main/partition.test:2229 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:2229
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (s1 int) partition by range(s1) 
--           (partition pa1 values less than (10),
--            partition pa2 values less than MAXVALUE)
create table t1 (s1 int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, s1)) partition by range(s1) 
        (partition pa1 values less than (10),
         partition pa2 values less than MAXVALUE);
-- ddl
create index i on t1 (s1);

-- case: main/partition.test:2240 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:2240
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (s1 int) partition by range(s1) 
--           (partition pa1 values less than (10),
--            partition pa2 values less than MAXVALUE)
create table t1 (s1 int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, s1)) partition by range(s1) 
        (partition pa1 values less than (10),
         partition pa2 values less than MAXVALUE);
-- ddl
create index i on t1 (s1);

-- case: main/partition.test:2394 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:2394
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1(a INT) PARTITION BY HASH(a) PARTITIONS 1
CREATE TABLE t1(a INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a)) PARTITION BY HASH(a) PARTITIONS 1;
INSERT INTO t1 VALUES(0);
-- ddl
TRUNCATE TABLE t1;

-- case: main/partition.test:2452 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:2452
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a INT, b INT, KEY(a)) ENGINE=Aria PARTITION BY KEY(a) PARTITIONS 2
CREATE TABLE t1 (a INT, b INT, KEY(a), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a)) ENGINE=Aria PARTITION BY KEY(a) PARTITIONS 2;
-- ddl
ALTER TABLE t1 ADD KEY (b);

-- case: main/partition.test:2542 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:2542
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 ( i INT ) ENGINE=Aria PARTITION BY HASH(i) PARTITIONS 2
CREATE TABLE t1 ( i INT , _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, i)) ENGINE=Aria PARTITION BY HASH(i) PARTITIONS 2;
INSERT INTO t1 VALUES (1),(2),(2),(3),(4);
-- ddl
ALTER TABLE t1 ADD PARTITION PARTITIONS 2;

-- case: main/partition.test:2880 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:2880
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 ( d DATE NOT NULL)
--   PARTITION BY RANGE( YEAR(d) ) (
--       PARTITION p0 VALUES LESS THAN (1960),
--       PARTITION p1 VALUES LESS THAN (1970),
--       PARTITION p2 VALUES LESS THAN (1980),
--       PARTITION p3 VALUES LESS THAN (1990)
--   )
CREATE TABLE t1 ( d DATE NOT NULL, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, d))
PARTITION BY RANGE( YEAR(d) ) (
    PARTITION p0 VALUES LESS THAN (1960),
    PARTITION p1 VALUES LESS THAN (1970),
    PARTITION p2 VALUES LESS THAN (1980),
    PARTITION p3 VALUES LESS THAN (1990)
);
-- ddl
ALTER TABLE t1 ADD PARTITION IF NOT EXISTS(
PARTITION `p5` VALUES LESS THAN (2010)
COMMENT 'APSTART \' APEND'
);
ALTER TABLE t1 ADD PARTITION IF NOT EXISTS(
PARTITION `p5` VALUES LESS THAN (2010)
COMMENT 'APSTART \' APEND'
);
alter table t1 drop partition if exists p5;
alter table t1 drop partition if exists p5;

-- case: main/partition.test:2907 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:2907
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a INT) ENGINE=MyISAM PARTITION BY RANGE(a) (PARTITION p1 VALUES LESS THAN (0))
CREATE TABLE t1 (a INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a)) ENGINE=MyISAM PARTITION BY RANGE(a) (PARTITION p1 VALUES LESS THAN (0));
-- ddl
ALTER TABLE t1 ADD PARTITION (PARTITION p2 VALUES LESS THAN (1));

-- case: main/partition.test:3105 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:3105
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a INT)
--     PARTITION BY LIST (a) (
--         PARTITION p0 VALUES IN (8),
--         PARTITION p1 VALUES IN (4,7,0),
--         PARTITION p2 VALUES IN (9,2,5),
--         PARTITION p3 VALUES IN (3,1,6))
CREATE TABLE t1 (a INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a))
  PARTITION BY LIST (a) (
      PARTITION p0 VALUES IN (8),
      PARTITION p1 VALUES IN (4,7,0),
      PARTITION p2 VALUES IN (9,2,5),
      PARTITION p3 VALUES IN (3,1,6));
INSERT INTO t1 VALUES (8),(5),(4),(0);
-- ddl
ALTER TABLE t1 DROP a, ADD a INT NOT NULL DEFAULT 0;

-- case: main/partition.test:3123 mdev20498
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:3123
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE mdev20498 (a INT) ENGINE=myisam PARTITION BY LIST (a)
--         (PARTITION p0 VALUES IN (0), PARTITION p1 VALUES IN (1))
CREATE TABLE mdev20498 (a INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a)) ENGINE=myisam PARTITION BY LIST (a)
      (PARTITION p0 VALUES IN (0), PARTITION p1 VALUES IN (1));
INSERT INTO mdev20498 values (0), (0), (1), (1);
-- ddl
ALTER TABLE mdev20498 REBUILD PARTITION p0, p1;
