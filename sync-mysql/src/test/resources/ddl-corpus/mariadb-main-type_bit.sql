-- Cases extracted from MariaDB's server test suite, main/type_bit.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: main/type_bit.test:46 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/type_bit.test:46
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a bit(2))
create table t1 (a bit(2), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values (b'00'), (b'01'), (b'10'), (b'100');
-- ddl
alter table t1 add key (a);

-- case: main/type_bit.test:128 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/type_bit.test:128
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a bit(19), b bit(5))
create table t1 (a bit(19), b bit(5), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values (1000, 10), (3, 8), (200, 6), (2303, 2), (12345, 4), (1, 0);
-- ddl
alter table t1 engine=heap;
alter table t1 add key(a, b);
alter table t1 engine=myisam;

-- case: main/type_bit.test:421 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/type_bit.test:421
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1(a bit(7))
create table t1(a bit(7), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values(0x40);
-- ddl
alter table t1 modify column a bit(8);
create index a on t1(a);

-- case: main/type_bit.test:494 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/type_bit.test:494
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a DECIMAL(30,0))
CREATE TABLE t1 (a DECIMAL(30,0), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES (CAST(0xFFFFFFFFFFFFFFFF AS UNSIGNED));
-- ddl
ALTER TABLE t1 MODIFY a BIT(64);
