-- Cases extracted from MariaDB's server test suite, main/default.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: main/default.test:236 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/default.test:236
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE or replace TABLE t1 (event_time TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP)
CREATE or replace TABLE t1 (event_time TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
CREATE or replace TABLE t1 (event_time TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(2) ON UPDATE CURRENT_TIMESTAMP);
CREATE or replace TABLE t1 (event_time TIMESTAMP(6) NOT NULL DEFAULT SYSDATE(2) ON UPDATE CURRENT_TIMESTAMP);

-- case: main/default.test:251 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/default.test:251
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create or replace table t1 (a int default 1, b int default (a+1), c int default (a+b)) engine myisam
create or replace table t1 (a int default 1, b int default (a+1), c int default (a+b), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine myisam;
insert into t1 values ();
insert into t1 (a) values (2);
insert into t1 (a,b) values (10,20);
insert into t1 (a,b,c) values (100,200,400);
-- ddl
truncate table t1;
create or replace table t1 (a int, b blob default (1), c blob default "hello", t text default concat(a,b,c)) engine=myisam;

-- case: main/default.test:281 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/default.test:281
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create or replace table t1 (param_list int DEFAULT (1+1) NOT NULL)
create or replace table t1 (param_list int DEFAULT (1+1) NOT NULL, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
create or replace table t1 (param_list blob DEFAULT "" NOT NULL);

-- case: main/default.test:288 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/default.test:288
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int)
create table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values(-1);
-- ddl
alter table t1 add b int default 1, add c int default -1, add d int default (1+1), add e timestamp not null default now();
alter table t1 add f int default (1+1+1) null, add g int default (1+1+1+1) not null,add h int default (2+2+2+2);

-- case: main/default.test:313 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/default.test:313
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int)
create table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
create or replace table t1 (a int default 1, b int default a);
create or replace table t1 (a int default 1, b int as (a));
create or replace table t1 (a int default b, b int default 1);
create or replace table t1 (a int as (b), b int default 1);
create or replace table t1 (a int as (b), b int default (1+1));
create or replace table t1 (a int default 1, b int as (c), c int default (a+1));
create or replace table t1 (a int default (1+1), b int as (c), c int default (a+1));
create or replace table t1 (a varchar(128) default @@version);
create or replace table t1 (a int not null, b int as (a));
create or replace table t1 (a int not null, b int default (a+1));
create or replace table t1 (a int default b, b int default (1+1));
create or replace table t1 (a int default b, b int not null);

-- case: main/default.test:1869 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/default.test:1869
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int default 1, b int default (1+1), c int)
create table t1 (a int default 1, b int default (1+1), c int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 alter a set default (2+3), alter b set default 4,
               alter c set default (-a);

-- case: main/default.test:1917 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/default.test:1917
CREATE TABLE t1 (a INT NOT NULL PRIMARY KEY AUTO_INCREMENT);
-- ddl
truncate table t1;
