-- Statements from MariaDB's server test suite (MariaDB/server tag mariadb-10.11.18, via Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1) for forms the automatic extraction misses: statements that replace a captured table
-- (CREATE OR REPLACE, RENAME TABLE chains, CREATE ... LIKE/SELECT), mysqldump's executable comments, ZEROFILL.
-- Adapted: setups give every table a primary key and create the captured names up front (only tables that exist
-- when the log opens are captured); the original setup is quoted where it differs.

-- case: hand/rename chain
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/rename.test:16-20
-- adapted setup; original: create table t0 SELECT 1,"table 1"; create table t2 SELECT 2,"table 2"; create table t3 SELECT 3,"table 3";
create table t1 (id int primary key, placeholder int);
create table t0 (id int primary key, one int, note varchar(10));
create table t2 (id int primary key, two bigint);
create table t3 (id int primary key, three varchar(20), extra date);
create table t4 (id int primary key);
-- ddl
drop table t1, t4;
rename table t0 to t1;
rename table t3 to t4, t2 to t3, t1 to t2, t4 to t1;
rename table t3 to t4, t2 to t3, t1 to t2, t4 to t1;
rename table t3 to t4, t2 to t3, t1 to t2, t4 to t1;

-- case: hand/create or replace
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/create_or_replace.test:113-114
-- adapted: a primary key column id added to the statements; original: CREATE OR REPLACE TABLE t1 (a int); CREATE OR REPLACE TABLE t1 (a int, b int);
create table t1 (id int primary key);
-- ddl
CREATE OR REPLACE TABLE t1 (id int primary key, a int);
CREATE OR REPLACE TABLE t1 (id int primary key, a int, b int);

-- case: hand/create select
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/create_or_replace.test:118-121
-- adapted: a primary key added; original: CREATE TABLE t1 (a int) SELECT * from t2; TRUNCATE TABLE t1; CREATE TABLE IF NOT EXISTS t1 (a int) SELECT * from t2;
create table t1 (id int primary key);
create table t2 (id int primary key, b varchar(10));
insert into t2 values (1, 'x'), (2, 'y');
-- ddl
DROP TABLE t1;
CREATE TABLE t1 (a int, primary key (id)) SELECT * from t2;
TRUNCATE TABLE t1;
CREATE TABLE IF NOT EXISTS t1 (a int, primary key (id)) SELECT * from t2;

-- case: hand/create or replace like
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/create_or_replace.test:293
create table t1 (id int primary key, b int);
create table t2 (id bigint primary key, c varchar(30) character set latin1, d decimal(10,2));
-- ddl
create or replace table t1 like t2;

-- case: hand/mysqldump executable comment partitions
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.result:546-549
-- adapted: the KEY made the PRIMARY KEY (c1 NOT NULL); original: `c1` int(11) DEFAULT NULL, KEY `c1` (`c1`)
create table t2 (c1 int primary key);
-- ddl
DROP TABLE t2;
CREATE TABLE `t2` (
`c1` int(11) NOT NULL,
PRIMARY KEY `c1` (`c1`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1 /*!50100 PARTITION BY RANGE (c1) (PARTITION a VALUES LESS THAN (100) ENGINE = MyISAM, PARTITION b VALUES LESS THAN MAXVALUE ENGINE = MyISAM) */;

-- case: hand/executable comment columns
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/comments.test (the /*M!NNNNN ... */ and /*!NNNNN ... */ forms, here around ALTER clauses)
-- adapted: the versioned-comment forms of comments.test applied to ALTER TABLE clauses
create table t1 (id int primary key, a int);
-- ddl
alter table t1 /*!50100 add column b varchar(10) character set latin1 */;
alter table t1 add column c int /*M!100000 , add column d bigint unsigned */;
alter table t1 /*M!999999 add column never_added int, */ add column e tinyint;

-- case: hand/zerofill
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/func_weight_string.test:137,144,148
-- adapted: an invisible primary key column _corpus_pk added; original: CREATE TABLE t1 (a INT(6) ZEROFILL);
CREATE TABLE t1 (a INT(6) ZEROFILL, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE PRIMARY KEY);
INSERT INTO t1 VALUES (1),(2);
-- ddl
ALTER TABLE t1 MODIFY a DOUBLE ZEROFILL;
ALTER TABLE t1 MODIFY a DECIMAL(10,1) ZEROFILL;

-- case: hand/exchange partition
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition_exchange.test:8-21
-- adapted: t2 created by hand as `CREATE TABLE t2 LIKE t1; ALTER TABLE t2 REMOVE PARTITIONING` gives (the log opens after setup), rows added so the exchange moves some
CREATE TABLE t1 (
 id int(11) NOT NULL AUTO_INCREMENT,
 year year DEFAULT NULL,
 modified timestamp NOT NULL DEFAULT '0000-00-00 00:00:00',
 PRIMARY KEY (id)
) ENGINE=InnoDB ROW_FORMAT=COMPACT
PARTITION BY HASH (id)
PARTITIONS 2;
CREATE TABLE t2 LIKE t1;
ALTER TABLE t2 REMOVE PARTITIONING;
INSERT INTO t1 (id, year) VALUES (1, 2001), (2, 2002), (3, 2003);
INSERT INTO t2 (id, year) VALUES (5, 2005), (7, 2007);
-- ddl
ALTER TABLE t1 EXCHANGE PARTITION p1 WITH TABLE t2;

-- case: hand/truncate partition
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/partition.test:863-868 (table and rows), main/partition_truncate.test:15 (statement form)
-- adapted: a primary key on a; the statement names an existing partition (the test's p0 was an expected error)
CREATE TABLE t1 (a int primary key)
PARTITION BY LIST (a)
(PARTITION p0 VALUES IN (1,2,3), PARTITION p1 VALUES IN (4,5,6));
insert into t1 values (1),(2),(3),(4),(5),(6);
-- ddl
alter table t1 truncate partition p0;
truncate t1;
