-- Cases extracted from MariaDB's server test suite, main/alter_table_online.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: main/alter_table_online.test:11 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:11
create table t1 (a int not null primary key, b int, c varchar(80), e enum('a','b')) engine=myisam;
insert into t1 (a) values (1),(2),(3);
-- ddl
alter online table t1 modify b int default 5, alter c set default 'X';
alter online table t1 change b new_name int;
alter online table t1 modify e enum('a','b','c');
alter online table t1 comment "new comment";
alter table t1 add constraint q check (a > 0);
alter online table t1 drop constraint q;
alter online table t1 algorithm=INPLACE, lock=NONE;
alter online table t1;
alter table t1 algorithm=INPLACE;
alter table t1 lock=NONE;

-- case: main/alter_table_online.test:48 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:48
create table t1 (a int not null primary key, b int, c varchar(80), e enum('a','b')) engine=aria;
insert into t1 (a) values (1),(2),(3);
-- ddl
alter online table t1 modify b int default 5;
alter online table t1 change b new_name int;
alter online table t1 modify e enum('a','b','c');
alter online table t1 comment "new comment";
alter online table t1 page_checksum=1;

-- case: main/alter_table_online.test:64 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:64
create table t1 (a int not null primary key, b int, c varchar(80), e enum('a','b'));
insert into t1 (a) values (1),(2),(3);
-- ddl
alter table t1 engine=innodb;
alter table t1 add index (b);
alter online table t1 add index c (c);
alter online table t1 drop index b;
alter online table t1 comment "new comment";

-- case: main/alter_table_online.test:129 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:129
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (i int) partition by hash(i) partitions 2
create table t1 (i int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, i)) partition by hash(i) partitions 2;
-- ddl
alter online table t1 comment 'test';

-- case: main/alter_table_online.test:136 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:136
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int)
create table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter online table t1 modify a int comment 'test';

-- case: main/alter_table_online.test:140 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:140
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int) engine=innodb
create table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=innodb;
-- ddl
alter online table t1 modify a int comment 'test';

-- case: main/alter_table_online.test:144 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:144
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int) partition by hash(a) partitions 2
create table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk, a)) partition by hash(a) partitions 2;
-- ddl
alter online table t1 modify a int comment 'test';

-- case: main/alter_table_online.test:154 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:154
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a BINARY(10))
CREATE TABLE t1 (a BINARY(10), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t1 MODIFY a BINARY(10), ALGORITHM=INPLACE;

-- case: main/alter_table_online.test:158 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:158
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a VARBINARY(10))
CREATE TABLE t1 (a VARBINARY(10), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t1 MODIFY a VARBINARY(10), ALGORITHM=INPLACE;

-- case: main/alter_table_online.test:165 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:165
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a TINYBLOB)
CREATE TABLE t1 (a TINYBLOB, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t1 MODIFY a TINYBLOB, ALGORITHM=INPLACE;

-- case: main/alter_table_online.test:169 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:169
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a MEDIUMBLOB)
CREATE TABLE t1 (a MEDIUMBLOB, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t1 MODIFY a MEDIUMBLOB, ALGORITHM=INPLACE;

-- case: main/alter_table_online.test:173 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:173
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a BLOB)
CREATE TABLE t1 (a BLOB, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t1 MODIFY a BLOB, ALGORITHM=INPLACE;

-- case: main/alter_table_online.test:177 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:177
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a LONGBLOB)
CREATE TABLE t1 (a LONGBLOB, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t1 MODIFY a LONGBLOB, ALGORITHM=INPLACE;

-- case: main/alter_table_online.test:184 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:184
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a CHAR(10))
CREATE TABLE t1 (a CHAR(10), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t1 MODIFY a CHAR(10), ALGORITHM=INPLACE;

-- case: main/alter_table_online.test:188 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:188
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a VARCHAR(10))
CREATE TABLE t1 (a VARCHAR(10), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t1 MODIFY a VARCHAR(10), ALGORITHM=INPLACE;

-- case: main/alter_table_online.test:196 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:196
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a TINYTEXT)
CREATE TABLE t1 (a TINYTEXT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t1 MODIFY a TINYTEXT, ALGORITHM=INPLACE;

-- case: main/alter_table_online.test:200 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:200
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a MEDIUMTEXT)
CREATE TABLE t1 (a MEDIUMTEXT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t1 MODIFY a MEDIUMTEXT, ALGORITHM=INPLACE;

-- case: main/alter_table_online.test:204 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:204
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a TEXT)
CREATE TABLE t1 (a TEXT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t1 MODIFY a TEXT, ALGORITHM=INPLACE;

-- case: main/alter_table_online.test:208 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:208
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a LONGTEXT)
CREATE TABLE t1 (a LONGTEXT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t1 MODIFY a LONGTEXT, ALGORITHM=INPLACE;

-- case: main/alter_table_online.test:317 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table_online.test:317
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int, b int, key(b))
create table t1 (a int, b int, key(b), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter online table t1 delay_key_write=1;
alter online table t1 delay_key_write=0;
