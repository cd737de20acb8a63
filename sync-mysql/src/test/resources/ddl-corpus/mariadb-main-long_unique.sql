-- Cases extracted from MariaDB's server test suite, main/long_unique.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: main/long_unique.test:15 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/long_unique.test:15
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1(a blob  unique )
create table t1(a blob  unique , _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values(1),(2),(3),(56),('sachin'),('maria'),(123456789034567891),(null),(null),(123456789034567890);
insert into t1 values(11),(22),(33);
insert into t1 values(repeat('s',4000*10)),(repeat('s',4001*10));
insert into t1 values(repeat('m',4001)),(repeat('m',4002));
-- ddl
truncate table t1;
alter table t1 add column b int;
alter table t1 drop column b , add column c int;
alter table t1 add column db_row_hash_1 int unique;
alter table t1 add column db_row_hash_2 int, add column db_row_hash_3 int;
alter table t1 drop column a;
alter table t1 add column a blob unique;
alter table t1 change column a aa blob;
alter table t1 modify  column aa  int;
alter table t1 add column clm blob unique;
alter table t1 change column clm clm_changed blob;
alter table t1 drop key clm;

-- case: main/long_unique.test:139 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/long_unique.test:139
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1(a blob unique, b int , c blob unique , d text unique , e varchar(3000) unique)
create table t1(a blob unique, b int , c blob unique , d text unique , e varchar(3000) unique, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values(1,2,3,4,5),(2,11,22,33,44),(3111,222,333,444,555),(5611,2222,3333,4444,5555),
('sachin',341,'fdf','gfgfgfg','hghgr'),('maria',345,'frter','dasd','utyuty'),
(123456789034567891,353534,53453453453456,64565464564564,45435345345345),
(123456789034567890,43545,657567567567,78967657567567,657567567567567676);
insert into t1 values(repeat('s',4000*10),100,repeat('s',4000*10),repeat('s',4000*10),
repeat('s',400)),(repeat('s',4001*10),1000,repeat('s',4001*10),repeat('s',4001*10),
repeat('s',2995));
-- ddl
truncate table t1;
alter table t1 add column f int;
alter table t1 drop column b , add column g int;
alter table t1 add column db_row_hash_1 int unique;
alter table t1 add column db_row_hash_2 int unique;
alter table t1 add column db_row_hash_3 int unique;
alter table t1 add column db_row_hash_7 int, add column db_row_hash_5 int , add column db_row_hash_4 int;
alter table t1 drop column db_row_hash_7,drop column db_row_hash_3, drop column db_row_hash_4;
alter table t1 drop column a, drop column c;
alter table t1 add column a blob unique;
alter table t1 modify  column a  int ,  modify column e int;
alter table t1 add column clm1 blob unique,add column clm2 blob unique;
alter table t1 change column clm1 clm_changed1 blob, change column clm2 clm_changed2 blob;
alter table t1 drop key clm1, drop key clm2;

-- case: main/long_unique.test:238 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/long_unique.test:238
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1(a blob, b int , c varchar(2000) , d text  , e varchar(3000) , f longblob , g int , h text ,
--     unique(a,b,c), unique(c,d,e),unique(e,f,g,h), unique(b,d,g,h))
create table t1(a blob, b int , c varchar(2000) , d text  , e varchar(3000) , f longblob , g int , h text ,
  unique(a,b,c), unique(c,d,e),unique(e,f,g,h), unique(b,d,g,h), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values(1,1,1,1,1,1,1,1),(2,2,2,2,2,2,2,2),(3,3,3,3,3,3,3,3),(4,4,4,4,4,4,4,4),(5,5,5,5,5,5,5,5),
('maria',6,'maria','maria','maria','maria',6,'maria'),('mariadb',7,'mariadb','mariadb','mariadb','mariadb',8,'mariadb')
,(null,null,null,null,null,null,null,null),(null,null,null,null,null,null,null,null);
-- ddl
alter table t1 add column db_row_hash_7 int , add column db_row_hash_5 int,
 add column db_row_hash_1 int, add column db_row_hash_2 int;
alter table t1 drop column db_row_hash_7  , drop column db_row_hash_5 ,
 drop column db_row_hash_1, drop column db_row_hash_2;
alter table t1 change column a aa blob , change column b bb blob , change column d dd blob;
alter table t1 change column aa a blob , change column bb b blob , change column dd d blob;
alter table t1 modify column a varchar(20) , modify column b varchar(20) , modify column c varchar(20);
alter table t1 modify column a blob , modify column b blob , modify column c blob;
truncate table t1;
alter table t1 drop key c, drop key e;

-- case: main/long_unique.test:333 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/long_unique.test:333
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a blob)
create table t1 (a blob, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values(1),(2),(3);
-- ddl
alter table t1 add unique key(a);
alter table t1 drop key a;
truncate table t1;
alter ignore table t1 add unique key(a);

-- case: main/long_unique.test:351 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/long_unique.test:351
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1(a blob , b blob, c blob , d blob , e int)
create table t1(a blob , b blob, c blob , d blob , e int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values (1,1,1,1,1);
insert into t1 values (1,1,1,1,1);
insert into t1 values (2,1,1,1,1);
insert into t1 values (2,2,2,2,2);
insert into t1 values (3,3,4,4,4);
insert into t1 values (4,4,4,4,4);
-- ddl
alter ignore  table t1 add unique key(a,c), add unique key(b,d), add unique key(e);

-- case: main/long_unique.test:498 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/long_unique.test:498
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1(a blob)
create table t1(a blob, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 add index(a);

-- case: main/long_unique.test:506 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/long_unique.test:506
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1(a varchar(4000))
create table t1(a varchar(4000), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 add index(a);

-- case: main/long_unique.test:568 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/long_unique.test:568
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create or replace table t1 (t text) engine=aria
create or replace table t1 (t text, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=aria;
insert into t1 values ('');
insert into t1 values (NULL);
-- ddl
alter table t1 ENGINE=MyISAM;
