-- Cases extracted from MariaDB's server test suite, main/partition_alter.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: main/partition_alter.test:75 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_alter.test:75
create table t1(id int, d date not null, b bool not null default 0, primary key(id,d))
engine=innodb
partition by range columns (d) (
partition p1 values less than ('2016-10-18'),
partition p2 values less than ('2020-10-19'));
-- ddl
alter table t1 add check (b in (0, 10));

-- case: main/partition_alter.test:92 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_alter.test:92
create table t1(id int, d date not null, b bool not null default 0, primary key(id,d))
partition by range columns (d) (
partition p1 values less than ('2016-10-18'),
partition p2 values less than ('2020-10-19'));
-- ddl
alter table t1 add check (b in (0, 10));

-- case: main/partition_alter.test:110 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_alter.test:110
create table t1 (id_1 int auto_increment, id_2 int, id_3 int, d1 date, dt1 datetime default current_timestamp, dt2 datetime default current_timestamp on update current_timestamp, primary key (id_2, id_3), key(id_1)) partition by hash(id_2) partitions 3 (partition p01, partition p02, partition p03);
insert into t1 values(0, 1, 1, NULL, now(), now());
-- ddl
alter online table t1 delay_key_write=1;

-- case: main/partition_alter.test:119 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_alter.test:119
create or replace table t1 (pk int, x timestamp(6), primary key (pk, x)) engine innodb
partition by key() partitions 2;
insert into t1 (pk, x) values (1, '2000-01-01 00:00'), (2, '2000-01-01 00:01');
-- ddl
alter table t1 drop primary key, drop column x, add primary key (pk);

-- case: main/partition_alter.test:129 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_alter.test:129
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create or replace table t1 (pk int not null, x timestamp(6) not null, unique u(pk, x)) engine innodb
--   partition by key() partitions 2
create or replace table t1 (pk int not null, x timestamp(6) not null, unique u(pk, x), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine innodb
partition by key() partitions 2;
insert into t1 (pk, x) values (1, '2000-01-01 00:00'), (2, '2000-01-01 00:01');
-- ddl
alter table t1 drop key u, drop column x, add unique (pk);

-- case: main/partition_alter.test:139 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_alter.test:139
create or replace table t1 (pk int, x timestamp(6) not null, primary key (pk)) engine innodb
partition by key(pk) partitions 2;
insert into t1 (pk, x) values (1, '2000-01-01 00:00'), (2, '2000-01-01 00:01');
-- ddl
alter table t1 drop primary key, add primary key (pk, x), algorithm=inplace;

-- case: main/partition_alter.test:147 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_alter.test:147
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create or replace table t1 (k int, x timestamp(6), unique key u (x, k)) engine innodb
--   partition by key(k) partitions 2
create or replace table t1 (k int, x timestamp(6), unique key u (x, k), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, k)) engine innodb
partition by key(k) partitions 2;
insert into t1 (k, x) values (1, '2000-01-01 00:00'), (2, '2000-01-01 00:01');
-- ddl
alter table t1 drop key u, algorithm=inplace;

-- case: main/partition_alter.test:174 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_alter.test:174
create table t1 (pk int, f int, primary key(pk, f)) engine=innodb
        partition by key() partitions 2;
insert into t1 values (1,10),(2,11);
-- ddl
alter table t1 drop primary key, drop f, add primary key(pk);

-- case: main/partition_alter.test:191 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_alter.test:191
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t (a int, b int) partition by list (b) (partition p1 values in (1, 2))
create table t (a int, b int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, b)) partition by list (b) (partition p1 values in (1, 2));
insert into t values (0, 1), (2, 2);
-- ddl
alter table t change b f int, change a b int, algorithm=nocopy;

-- case: main/partition_alter.test:220 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_alter.test:220
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t (ts timestamp, KEY (ts)) ENGINE=MyISAM
--   PARTITION BY RANGE (unix_timestamp(ts)) (
--     PARTITION p1 VALUES LESS THAN (1645398000),
--     PARTITION pn VALUES LESS THAN MAXVALUE
--   )
CREATE TABLE t (ts timestamp, KEY (ts), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, ts)) ENGINE=MyISAM
PARTITION BY RANGE (unix_timestamp(ts)) (
  PARTITION p1 VALUES LESS THAN (1645398000),
  PARTITION pn VALUES LESS THAN MAXVALUE
);
-- ddl
ALTER TABLE t DROP PARTITION p1;

-- case: main/partition_alter.test:240 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_alter.test:240
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t (a int)
--   partition by list (a)
--   subpartition by hash(a) subpartitions 2
--   (partition p0 values in (1))
create table t (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a))
partition by list (a)
subpartition by hash(a) subpartitions 2
(partition p0 values in (1));
-- ddl
alter table t rename column a to b, algorithm=nocopy;
alter table t rename column b to c, algorithm=copy;

-- case: main/partition_alter.test:250 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_alter.test:250
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t (d int, e int)
--   partition by list columns (d, e)
--   subpartition by key (d, e)
--   (partition p0 values in ((2, 3)))
create table t (d int, e int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, d, e))
partition by list columns (d, e)
subpartition by key (d, e)
(partition p0 values in ((2, 3)));
-- ddl
alter table t rename column d to f, rename column e to g, algorithm=nocopy;
alter table t rename column f to h, rename column g to i, algorithm=copy;

-- case: main/partition_alter.test:260 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_alter.test:260
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t (k int, l int)
--   partition by range (k)
--   subpartition by hash(l) subpartitions 4
--   (partition p0 values less than (5))
create table t (k int, l int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, k))
partition by range (k)
subpartition by hash(l) subpartitions 4
(partition p0 values less than (5));
-- ddl
alter table t rename column k to l, rename column l to k;

-- case: main/partition_alter.test:268 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_alter.test:268
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t (a int, b int) partition by list (b) (partition p1 values in (1, 2))
create table t (a int, b int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, b)) partition by list (b) (partition p1 values in (1, 2));
insert into t values (0, 1), (2, 2);
-- ddl
alter table t rename column b to f, rename column a to b, algorithm=nocopy;

-- case: main/partition_alter.test:278 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_alter.test:278
create or replace table t1 (x int primary key)
partition by range(x) (
  p1 values less than (10),
  partition p2 values less than (20),
  p3 values less than (30),
  partition p4 values less than (40),
  p5 values less than (50),
  pn values less than maxvalue);
-- ddl
create or replace table t1 (x int)
partition by list(x) (
  partition p1 values in (2, 3, 4),
  partition p2 values in (12, 13, 14),
  partition p3 values in (22, 23, 24),
  p4 values in (32, 33, 34),
  p5 values in (42, 43, 44),
  pn values in (52, 53, 54));
create or replace table t1 (x int)
partition by list(x) (
  partitio values in (2, 3, 4),
  pn values in (52, 53, 54));
