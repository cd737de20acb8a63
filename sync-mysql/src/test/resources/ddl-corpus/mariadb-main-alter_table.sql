-- Cases extracted from MariaDB's server test suite, main/alter_table.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: main/alter_table.test:8 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:8
create table t1 (
col1 int not null auto_increment primary key,
col2 varchar(30) not null,
col3 varchar (20) not null,
col4 varchar(4) not null,
col5 enum('PENDING', 'ACTIVE', 'DISABLED') not null,
col6 int not null, to_be_deleted int);
insert into t1 values (2,4,3,5,"PENDING",1,7);
-- ddl
alter table t1
add column col4_5 varchar(20) not null after col4,
add column col7 varchar(30) not null after col5,
add column col8 datetime not null, drop column to_be_deleted,
change column col2 fourth varchar(30) not null after col3,
modify column col6 int not null first;

-- case: main/alter_table.test:25 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:25
create table t1 (bandID MEDIUMINT UNSIGNED NOT NULL PRIMARY KEY, payoutID SMALLINT UNSIGNED NOT NULL);
insert into t1 (bandID,payoutID) VALUES (1,6),(2,6),(3,4),(4,9),(5,10),(6,1),(7,12),(8,12);
-- ddl
alter table t1 add column new_col int, order by payoutid,bandid;
alter table t1 order by bandid,payoutid;

-- case: main/alter_table.test:35 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:35
CREATE TABLE t1 (
GROUP_ID int(10) unsigned DEFAULT '0' NOT NULL,
LANG_ID smallint(5) unsigned DEFAULT '0' NOT NULL,
NAME varchar(80) DEFAULT '' NOT NULL,
PRIMARY KEY (GROUP_ID,LANG_ID),
KEY NAME (NAME));
-- ddl
ALTER TABLE t1 CHANGE NAME NAME CHAR(80) not null;

-- case: main/alter_table.test:51 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:51
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (n int)
create table t1 (n int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values(9),(3),(12),(10);
-- ddl
alter table t1 order by n;

-- case: main/alter_table.test:57 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:57
CREATE TABLE t1 (
  id int(11) unsigned NOT NULL default '0',
  category_id tinyint(4) unsigned NOT NULL default '0',
  type_id tinyint(4) unsigned NOT NULL default '0',
  body text NOT NULL,
  user_id int(11) unsigned NOT NULL default '0',
  status enum('new','old') NOT NULL default 'new',
  PRIMARY KEY (id)
) ENGINE=MyISAM;
-- ddl
ALTER TABLE t1 ORDER BY t1.id, t1.status, t1.type_id, t1.user_id, t1.body;

-- case: main/alter_table.test:74 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:74
CREATE TABLE t1 (AnamneseId int(10) unsigned NOT NULL auto_increment,B BLOB,PRIMARY KEY (AnamneseId)) engine=myisam;
insert into t1 values (null,"hello");
-- ddl
ALTER TABLE t1 ADD Column new_col int not null;

-- case: main/alter_table.test:86 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:86
create table t1 (i int unsigned not null auto_increment primary key);
insert into t1 values (null),(null),(null),(null);
-- ddl
alter table t1 drop i,add i int unsigned not null auto_increment, drop primary key, add primary key (i);

-- case: main/alter_table.test:113 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:113
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (n1 int not null, n2 int, n3 int, n4 float,
--                   unique(n1),
--                   key (n1, n2, n3, n4),
--                   key (n2, n3, n4, n1),
--                   key (n3, n4, n1, n2),
--                   key (n4, n1, n2, n3) )
create table t1 (n1 int not null, n2 int, n3 int, n4 float,
                unique(n1),
                key (n1, n2, n3, n4),
                key (n2, n3, n4, n1),
                key (n3, n4, n1, n2),
                key (n4, n1, n2, n3) , _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 disable keys;
alter table t1 enable keys;

-- case: main/alter_table.test:140 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:140
create table t1 (i int unsigned not null auto_increment primary key);
-- ddl
alter table t1 rename t2;

-- case: main/alter_table.test:148 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:148
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int, b int)
create table t1 (a int, b int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 add unique (a,b), add key (b);

-- case: main/alter_table.test:169 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:169
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (i int(10), index(i) ) ENGINE=MyISAM
CREATE TABLE t1 (i int(10), index(i) , _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=MyISAM;
-- ddl
ALTER TABLE t1 DISABLE KEYS;
ALTER TABLE t1 ENABLE KEYS;

-- case: main/alter_table.test:179 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:179
CREATE TABLE t1 (
  Host varchar(16) binary NOT NULL default '',
  User varchar(16) binary NOT NULL default '',
  PRIMARY KEY  (Host,User)
) ENGINE=MyISAM;
-- ddl
ALTER TABLE t1 DISABLE KEYS;
ALTER TABLE t1 ENABLE KEYS;

-- case: main/alter_table.test:198 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:198
CREATE TABLE t1 (
  Host varchar(16) binary NOT NULL default '',
  User varchar(16) binary NOT NULL default '',
  PRIMARY KEY  (Host,User),
  KEY  (Host)
) ENGINE=MyISAM;
-- ddl
ALTER TABLE t1 DISABLE KEYS;
ALTER TABLE t1 ENABLE KEYS;
ALTER TABLE t1 RENAME t2;

-- case: main/alter_table.test:225 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:225
CREATE TABLE t1 (
  Host varchar(16) binary NOT NULL default '',
  User varchar(16) binary NOT NULL default '',
  PRIMARY KEY  (Host,User),
  KEY  (Host)
) ENGINE=MyISAM;
-- ddl
ALTER TABLE t1 DISABLE KEYS;

-- case: main/alter_table.test:251 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:251
create table t1 ( a varchar(10) not null primary key ) engine=myisam;
-- ddl
alter table t1 modify a varchar(10);
alter table t1 modify a varchar(10) not null;

-- case: main/alter_table.test:264 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:264
create table t1 (a int, b int, c int, d int, e int, f int, g int, h int,i int, primary key (a,b,c,d,e,f,g,i,h)) engine=MyISAM;
insert ignore into t1 (a) values(1);
-- ddl
alter table t1 modify a int;

-- case: main/alter_table.test:283 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:283
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a char(10) character set koi8r)
create table t1 (a char(10) character set koi8r, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values ('����');
-- ddl
alter table t1 change a a char(10) character set cp1251;
alter table t1 change a a binary(4);
alter table t1 change a a char(10) character set cp1251;
alter table t1 change a a char(10) character set koi8r;
alter table t1 change a a varchar(10) character set cp1251;
alter table t1 change a a char(10) character set koi8r;
alter table t1 change a a text character set cp1251;
alter table t1 change a a char(10) character set koi8r;
alter table t1 DEFAULT CHARACTER SET latin1;
alter table t1 CONVERT TO CHARACTER SET latin1;
alter table t1 DEFAULT CHARACTER SET cp1251;

-- case: main/alter_table.test:321 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:321
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (myblob longblob,mytext longtext) 
--   default charset latin1 collate latin1_general_cs
create table t1 (myblob longblob,mytext longtext, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) 
default charset latin1 collate latin1_general_cs;
-- ddl
alter table t1 character set latin2;

-- case: main/alter_table.test:332 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:332
CREATE TABLE t1 (a int PRIMARY KEY, b INT UNIQUE);
-- ddl
ALTER TABLE t1 DROP PRIMARY KEY;

-- case: main/alter_table.test:340 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:340
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int, b int, key(a))
create table t1 (a int, b int, key(a), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values (1,1), (2,2);
-- ddl
alter table t1 drop key a;

-- case: main/alter_table.test:363 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:363
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a text) character set koi8r
create table t1 (a text, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) character set koi8r;
insert into t1 values (_koi8r'����');
-- ddl
alter table t1 convert to character set cp1251;

-- case: main/alter_table.test:390 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:390
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int, key(a))
create table t1 (a int, key(a), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 modify a int, disable keys;
alter table t1 enable keys;
alter table t1 modify a bigint, disable keys;
alter table t1 enable keys;
alter table t1 add b char(10), disable keys;
alter table t1 add c decimal(10,2), enable keys;
alter table t1 disable keys;
alter table t1 add d decimal(15,5);

-- case: main/alter_table.test:424 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:424
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1(a int, b char(10), unique(a))
create table t1(a int, b char(10), unique(a), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 disable keys;
alter table t1 enable keys;
alter table t1 modify a int, disable keys;
alter table t1 modify a bigint, disable keys;
alter table t1 modify a bigint;
alter table t1 modify a int;

-- case: main/alter_table.test:449 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:449
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1(a int, b char(10), unique(a), key(b))
create table t1(a int, b char(10), unique(a), key(b), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 disable keys;
alter table t1 enable keys;
alter table t1 modify a int, disable keys;
alter table t1 enable keys;
alter table t1 modify a bigint, disable keys;
alter table t1 modify a int;
alter table t1 modify a int;

-- case: main/alter_table.test:513 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:513
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1(a INT) ROW_FORMAT=FIXED
CREATE TABLE t1(a INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ROW_FORMAT=FIXED;
-- ddl
CREATE INDEX i1 ON t1(a);
DROP INDEX i1 ON t1;

-- case: main/alter_table.test:528 bug24219
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:528
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE bug24219 (a INT, INDEX(a))
CREATE TABLE bug24219 (a INT, INDEX(a), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE bug24219 RENAME TO bug24219_2, DISABLE KEYS;

-- case: main/alter_table.test:546 table_24562
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:546
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table table_24562(
--     section int,
--     subsection int,
--     title varchar(50))
create table table_24562(
  section int,
  subsection int,
  title varchar(50), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into table_24562 values
(1, 0, "Introduction"),
(1, 1, "Authors"),
(1, 2, "Acknowledgements"),
(2, 0, "Basics"),
(2, 1, "Syntax"),
(2, 2, "Client"),
(2, 3, "Server"),
(3, 0, "Intermediate"),
(3, 1, "Complex queries"),
(3, 2, "Stored Procedures"),
(3, 3, "Stored Functions"),
(4, 0, "Advanced"),
(4, 1, "Replication"),
(4, 2, "Load balancing"),
(4, 3, "High availability"),
(5, 0, "Conclusion");
-- ddl
alter table table_24562 add column reviewer varchar(20),
order by title;
alter table table_24562
order by section ASC, subsection DESC;
alter table table_24562
order by table_24562.subsection ASC, table_24562.section DESC;

-- case: main/alter_table.test:609 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:609
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (mycol int(10) not null)
create table t1 (mycol int(10) not null, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 alter column mycol set default 0;

-- case: main/alter_table.test:618 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:618
create table t1(id int(8) primary key auto_increment) engine=heap;
insert into t1 values (null);
insert into t1 values (null);
-- ddl
alter table t1 auto_increment = 50;
alter table t1 engine = myisam;
alter table t1 engine = heap;

-- case: main/alter_table.test:648 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:648
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1(f1 int)
create table t1(f1 int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 add column f2 datetime not null, add column f21 date not null;
alter table t1 add column f4 datetime not null default '2002-02-02',
  add column f41 date not null default '2002-02-02';

-- case: main/alter_table.test:696 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:696
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (t varchar(255) default null, key t (t(80)))
--   engine=myisam default charset=latin1
create table t1 (t varchar(255) default null, key t (t(80)), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk))
engine=myisam default charset=latin1;
-- ddl
alter table t1 change t t text;

-- case: main/alter_table.test:705 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:705
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a varchar(500))
CREATE TABLE t1 (a varchar(500), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t1 ADD b GEOMETRY NOT NULL, ADD SPATIAL INDEX(b);
ALTER TABLE t1 ADD KEY(b(50));
ALTER TABLE t1 ADD c POINT;
ALTER TABLE t1 ADD d INT;

-- case: main/alter_table.test:732 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:732
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (s CHAR(8) BINARY)
CREATE TABLE t1 (s CHAR(8) BINARY, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES ('test');
-- ddl
ALTER TABLE t1 MODIFY s CHAR(10) BINARY;

-- case: main/alter_table.test:739 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:739
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (s BINARY(8))
CREATE TABLE t1 (s BINARY(8), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES ('test');
-- ddl
ALTER TABLE t1 MODIFY s BINARY(10);

-- case: main/alter_table.test:754 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:754
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (v VARCHAR(3), b INT)
CREATE TABLE t1 (v VARCHAR(3), b INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES ('abc', 5);
-- ddl
ALTER TABLE t1 MODIFY COLUMN v VARCHAR(4);

-- case: main/alter_table.test:765 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:765
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a tinytext character set latin1)
create table t1 (a tinytext character set latin1, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 convert to character set utf8;

-- case: main/alter_table.test:769 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:769
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a mediumtext character set latin1)
create table t1 (a mediumtext character set latin1, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 convert to character set utf8;

-- case: main/alter_table.test:788 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:788
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (i int)
create table t1 (i int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values ();
-- ddl
alter table t1 modify i int default 1;
alter table t1 change i c char(10) default "Two";
alter table t1 modify c char(10) default "Three", rename to t2;

-- case: main/alter_table.test:854 #sql1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:854
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE `#sql1` (c1 INT)
CREATE TABLE `#sql1` (c1 INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
RENAME TABLE `#sql1`     TO `@0023sql1`;

-- case: main/alter_table.test:855 @0023sql2
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:855
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE `@0023sql2` (c1 INT)
CREATE TABLE `@0023sql2` (c1 INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
RENAME TABLE `@0023sql2` TO `#sql2`;

-- case: main/alter_table.test:890 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:890
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (
--     int_field INTEGER UNSIGNED NOT NULL,
--     char_field CHAR(10),
--     INDEX(`int_field`)
--   )
CREATE TABLE t1 (
  int_field INTEGER UNSIGNED NOT NULL,
  char_field CHAR(10),
  INDEX(`int_field`)
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES (1, "edno"), (1, "edno"), (2, "dve"), (3, "tri"), (5, "pet");
-- ddl
ALTER TABLE t1
  CHANGE int_field unsigned_int_field INTEGER UNSIGNED NOT NULL,
  RENAME t2;

-- case: main/alter_table.test:919 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:919
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (f1 INT, f2 INT, f3 INT)
CREATE TABLE t1 (f1 INT, f2 INT, f3 INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES (1, 2, NULL);
-- ddl
ALTER TABLE t1 MODIFY COLUMN f3 INT AFTER f1;
ALTER TABLE t1 MODIFY COLUMN f3 INT AFTER f2;

-- case: main/alter_table.test:931 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:931
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (c char(10) default "Two")
create table t1 (c char(10) default "Two", _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values ();
-- ddl
alter table t1 modify c char(10) default "Three";

-- case: main/alter_table.test:947 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:947
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (id int, c int) character set latin1
CREATE TABLE t1 (id int, c int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) character set latin1;
INSERT INTO t1 VALUES (1,1);
-- ddl
ALTER TABLE t1 CHANGE c d int;
ALTER TABLE t1 CHANGE d c int;
ALTER TABLE t1 MODIFY c VARCHAR(10);
ALTER TABLE t1 CHANGE c d varchar(10);
ALTER TABLE t1 CHANGE d c varchar(10);

-- case: main/alter_table.test:961 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:961
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (id int, c int) character set utf8
CREATE TABLE t1 (id int, c int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) character set utf8;
INSERT INTO t1 VALUES (1,1);
-- ddl
ALTER TABLE t1 CHANGE c d int;
ALTER TABLE t1 CHANGE d c int;
ALTER TABLE t1 MODIFY c VARCHAR(10);
ALTER TABLE t1 CHANGE c d varchar(10);
ALTER TABLE t1 CHANGE d c varchar(10);

-- case: main/alter_table.test:975 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:975
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1(f1 int not null, f2 int not null, key  (f1), key (f2))
create table t1(f1 int not null, f2 int not null, key  (f1), key (f2), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 pack_keys=1;
alter table t1 max_rows=100;

-- case: main/alter_table.test:1009 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1009
CREATE TABLE t1(a INT AUTO_INCREMENT PRIMARY KEY, 
  b ENUM('a', 'b', 'c') NOT NULL);
INSERT INTO t1 (b) VALUES ('a'), ('c'), ('b'), ('b'), ('a');
-- ddl
ALTER TABLE t1 MODIFY b ENUM('a', 'z', 'b', 'c') NOT NULL;

-- case: main/alter_table.test:1023 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1023
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a int NOT NULL default 42)
CREATE TABLE t1 (a int NOT NULL default 42, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 values ();
-- ddl
ALTER TABLE t1 ALTER COLUMN a DROP DEFAULT;

-- case: main/alter_table.test:1041 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1041
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a ENUM('a1','a2'))
CREATE TABLE t1 (a ENUM('a1','a2'), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES ('a1'),('a2');
-- ddl
ALTER TABLE t1 MODIFY COLUMN a ENUM('a1','a2');
ALTER TABLE t1 MODIFY COLUMN a ENUM('a1','a2','a3');
ALTER TABLE t1 MODIFY COLUMN a ENUM('a1','a2','xx','a5');
ALTER TABLE t1 MODIFY COLUMN a ENUM('a1','a2','xx');
ALTER TABLE t1 MODIFY COLUMN a ENUM('a1','a2','a0','xx');
ALTER TABLE t1 MODIFY COLUMN a ENUM('a1','a2','a0','xx','a5','a6');

-- case: main/alter_table.test:1059 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1059
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a SET('a1','a2'))
CREATE TABLE t1 (a SET('a1','a2'), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES ('a1'),('a2');
-- ddl
ALTER TABLE t1 MODIFY COLUMN a SET('a1','a2');
ALTER TABLE t1 MODIFY COLUMN a SET('a1','a2','a3');
ALTER TABLE t1 MODIFY COLUMN a SET('a1','a2','xx','a5');
ALTER TABLE t1 MODIFY COLUMN a SET('a1','a2','xx');
ALTER TABLE t1 MODIFY COLUMN a SET('a1','a2','a0','xx');
ALTER TABLE t1 MODIFY COLUMN a SET('a1','a2','a0','xx','a5','a6');
ALTER TABLE t1 MODIFY COLUMN a SET('a1','a2','a0','xx','a5','a6','a7','a8','a9','a10');

-- case: main/alter_table.test:1083 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1083
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (f1 TIMESTAMP NULL DEFAULT NULL,
--                    f2 INT(11) DEFAULT NULL) ENGINE=MYISAM DEFAULT CHARSET=utf8
CREATE TABLE t1 (f1 TIMESTAMP NULL DEFAULT NULL,
                 f2 INT(11) DEFAULT NULL, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=MYISAM DEFAULT CHARSET=utf8;
INSERT INTO t1 VALUES (NULL, NULL), ("2009-10-09 11:46:19", 2);
-- ddl
ALTER TABLE t1 CHANGE COLUMN f1 f1_no_real_change TIMESTAMP NULL DEFAULT NULL;

-- case: main/alter_table.test:1100 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1100
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a TEXT, id INT, b INT)
CREATE TABLE t1 (a TEXT, id INT, b INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t1 DROP COLUMN a, ADD COLUMN c TEXT FIRST;

-- case: main/alter_table.test:1116 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1116
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (i int, j int) engine=myisam
create table t1 (i int, j int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=myisam;
insert into t1 value (1, 2);
-- ddl
alter table t1 modify column j int first;
alter table t1 drop column i, add column k int default 0;

-- case: main/alter_table.test:1141 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1141
CREATE TABLE t1(c CHAR(10), 
  i INT UNSIGNED AUTO_INCREMENT NOT NULL PRIMARY KEY);
INSERT INTO t1 VALUES('a',2),('b',4),('c',6);
-- ddl
ALTER TABLE t1
  DROP i,
  ADD i INT UNSIGNED NOT NULL AUTO_INCREMENT,
  AUTO_INCREMENT = 1;

-- case: main/alter_table.test:1183 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1183
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (id int)
CREATE TABLE t1 (id int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES (1), (2);
-- ddl
ALTER TABLE t1 ADD COLUMN (f1 INT), ADD COLUMN (f2 INT), ADD KEY f2k(f2);

-- case: main/alter_table.test:1196 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1196
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a INT, b MEDIUMINT)
CREATE TABLE t1 (a INT, b MEDIUMINT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES (1, 1), (2, 2);
-- ddl
ALTER TABLE t1 CHANGE a id INT;

-- case: main/alter_table.test:1259 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1259
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (
--     `a` int(11) DEFAULT NULL
--   ) DEFAULT CHARSET=utf8
CREATE TABLE t1 (
  `a` int(11) DEFAULT NULL
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) DEFAULT CHARSET=utf8;
-- ddl
ALTER TABLE t1 ADD COLUMN `consultant_id` integer NOT NULL,
ALTER COLUMN `consultant_id` DROP DEFAULT;

-- case: main/alter_table.test:1269 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1269
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (
--     `a` int(11) DEFAULT NULL
--   ) DEFAULT CHARSET=utf8
CREATE TABLE t1 (
  `a` int(11) DEFAULT NULL
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) DEFAULT CHARSET=utf8;
-- ddl
ALTER TABLE t1 ADD COLUMN `consultant_id` integer NOT NULL,
ALTER COLUMN `consultant_id` SET DEFAULT 2;

-- case: main/alter_table.test:1278 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1278
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (
--     `a` int(11) DEFAULT NULL
--   ) DEFAULT CHARSET=utf8
CREATE TABLE t1 (
  `a` int(11) DEFAULT NULL
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) DEFAULT CHARSET=utf8;
-- ddl
ALTER TABLE t1 ADD COLUMN `consultant_id` integer NOT NULL DEFAULT 2,
ALTER COLUMN `consultant_id` DROP DEFAULT;

-- case: main/alter_table.test:1287 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1287
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (
--     `a` int(11) DEFAULT NULL
--   ) DEFAULT CHARSET=utf8
CREATE TABLE t1 (
  `a` int(11) DEFAULT NULL
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) DEFAULT CHARSET=utf8;
-- ddl
ALTER TABLE t1 ADD COLUMN `consultant_id` integer NOT NULL DEFAULT 2,
ALTER COLUMN `consultant_id` DROP DEFAULT,
MODIFY COLUMN `consultant_id` BIGINT;

-- case: main/alter_table.test:1304 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1304
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (t1_fld1 TEXT)
CREATE TABLE t1 (t1_fld1 TEXT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t1 VALUES (REPEAT('a',300));
-- ddl
ALTER TABLE t1 CHANGE `t1_fld1` `my_t1_fld1` TINYTEXT;

-- case: main/alter_table.test:1305 t2
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1305
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t2 (t2_fld1 MEDIUMTEXT)
CREATE TABLE t2 (t2_fld1 MEDIUMTEXT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t2 VALUES (REPEAT('b',65680));
-- ddl
ALTER TABLE t2 CHANGE `t2_fld1` `my_t2_fld1` TEXT;

-- case: main/alter_table.test:1306 t3
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1306
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t3 (t3_fld1 LONGTEXT)
CREATE TABLE t3 (t3_fld1 LONGTEXT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
INSERT INTO t3 VALUES (REPEAT('c',16777300));
-- ddl
ALTER TABLE t3 CHANGE `t3_fld1` `my_t3_fld1` MEDIUMTEXT;

-- case: main/alter_table.test:1351 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1351
CREATE TABLE t1 (
  id INT(11) NOT NULL,
  x_param INT(11) DEFAULT NULL,
  PRIMARY KEY (id)
) ENGINE=MYISAM;
-- ddl
ALTER TABLE t1 ADD COLUMN IF NOT EXISTS id INT,
               ADD COLUMN IF NOT EXISTS lol INT AFTER id;
ALTER TABLE t1 ADD COLUMN IF NOT EXISTS lol INT AFTER id;
ALTER TABLE t1 DROP COLUMN IF EXISTS lol;
ALTER TABLE t1 DROP COLUMN IF EXISTS lol;
ALTER TABLE t1 ADD KEY IF NOT EXISTS x_param(x_param);
ALTER TABLE t1 ADD KEY IF NOT EXISTS x_param(x_param);
ALTER TABLE t1 MODIFY IF EXISTS lol INT;

-- case: main/alter_table.test:1374 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1374
CREATE TABLE t1 (
  id INT(11) NOT NULL,
  x_param INT(11) DEFAULT NULL,
  PRIMARY KEY (id)
) ENGINE=INNODB;
-- ddl
ALTER TABLE t1 ADD COLUMN IF NOT EXISTS id INT,
               ADD COLUMN IF NOT EXISTS lol INT AFTER id;
ALTER TABLE t1 ADD COLUMN IF NOT EXISTS lol INT AFTER id;
ALTER TABLE t1 DROP COLUMN IF EXISTS lol;
ALTER TABLE t1 DROP COLUMN IF EXISTS lol;
ALTER TABLE t1 ADD KEY IF NOT EXISTS x_param(x_param);
ALTER TABLE t1 ADD KEY IF NOT EXISTS x_param(x_param);
ALTER TABLE t1 MODIFY IF EXISTS lol INT;

-- case: main/alter_table.test:1380 t2
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1380
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t2 (
--     id INT(11) NOT NULL) ENGINE=INNODB
CREATE TABLE t2 (
  id INT(11) NOT NULL, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=INNODB;
-- ddl
ALTER TABLE t2 ADD FOREIGN KEY IF NOT EXISTS fk(id) REFERENCES t1(id);
ALTER TABLE t2 ADD FOREIGN KEY IF NOT EXISTS fk(id) REFERENCES t1(id);
ALTER TABLE t2 DROP FOREIGN KEY IF EXISTS fk;
ALTER TABLE t2 DROP FOREIGN KEY IF EXISTS fk;
ALTER TABLE t2 ADD FOREIGN KEY (id) REFERENCES t1(id);
ALTER TABLE t2 ADD FOREIGN KEY IF NOT EXISTS t2_ibfk_1(id) REFERENCES t1(id);
ALTER TABLE t2 DROP FOREIGN KEY IF EXISTS t2_ibfk_1;
ALTER TABLE t2 DROP FOREIGN KEY IF EXISTS t2_ibfk_1;

-- case: main/alter_table.test:1411 t2
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1411
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t2 (
--     id INT(11) NOT NULL)
CREATE TABLE t2 (
  id INT(11) NOT NULL, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t2 ADD COLUMN a INT, ADD COLUMN IF NOT EXISTS a INT;
ALTER TABLE t2 ADD KEY k_id(id), ADD KEY IF NOT EXISTS k_id(id);
ALTER TABLE t2 DROP KEY k_id, DROP KEY IF EXISTS k_id;
ALTER TABLE t2 DROP COLUMN a, DROP COLUMN IF EXISTS a;

-- case: main/alter_table.test:1435 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1435
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (c1 int unsigned , c2 char(100) not null default '')
CREATE TABLE t1 (c1 int unsigned , c2 char(100) not null default '', _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t1 ADD c3 char(16) NOT NULL DEFAULT '' AFTER c2,
               MODIFY c2 char(100) NOT NULL DEFAULT '' AFTER c1;

-- case: main/alter_table.test:1452 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1452
CREATE TABLE t1(a INT PRIMARY KEY, b INT) engine=InnoDB;
INSERT INTO t1 VALUES (1,1), (2,2);
-- ddl
ALTER TABLE t1 ADD INDEX i1(b);
ALTER TABLE t1 ADD INDEX i2(b), ALGORITHM= DEFAULT;
ALTER TABLE t1 ADD INDEX i3(b), ALGORITHM= COPY;
ALTER TABLE t1 ADD INDEX i4(b), ALGORITHM= INPLACE;
ALTER TABLE t1 DROP INDEX i1, DROP INDEX i2, DROP INDEX i3, DROP INDEX i4;
ALTER TABLE t1 ADD INDEX i1(b);
ALTER TABLE t1 ADD INDEX i2(b), ALGORITHM= DEFAULT;
ALTER TABLE t1 ADD INDEX i3(b), ALGORITHM= COPY;
ALTER TABLE t1 ADD INDEX i4(b), ALGORITHM= INPLACE;
ALTER TABLE t1 DROP INDEX i1, DROP INDEX i2, DROP INDEX i3, DROP INDEX i4;
ALTER TABLE t1 ADD COLUMN (c1 INT);
ALTER TABLE t1 ADD COLUMN (c2 INT), ALGORITHM= DEFAULT;
ALTER TABLE t1 ADD COLUMN (c3 INT), ALGORITHM= COPY;
ALTER TABLE t1 ADD COLUMN (c4 INT), ALGORITHM= INPLACE;
ALTER TABLE t1 DROP COLUMN c1, DROP COLUMN c2, DROP COLUMN c3, DROP COLUMN c4;
ALTER TABLE t1 ADD INDEX i1(b), LOCK= DEFAULT;
ALTER TABLE t1 ADD INDEX i2(b), LOCK= NONE;
ALTER TABLE t1 ADD INDEX i3(b), LOCK= SHARED;
ALTER TABLE t1 ADD INDEX i4(b), LOCK= EXCLUSIVE;
ALTER TABLE t1 DROP INDEX i1, DROP INDEX i2, DROP INDEX i3, DROP INDEX i4;
ALTER TABLE t1 ADD INDEX i1(b), ALGORITHM= INPLACE, LOCK= NONE;
ALTER TABLE t1 ADD INDEX i2(b), ALGORITHM= INPLACE, LOCK= SHARED;
ALTER TABLE t1 ADD INDEX i3(b), ALGORITHM= INPLACE, LOCK= EXCLUSIVE;
ALTER TABLE t1 ADD INDEX i5(b), ALGORITHM= COPY, LOCK= SHARED;
ALTER TABLE t1 ADD INDEX i6(b), ALGORITHM= COPY, LOCK= EXCLUSIVE;

-- case: main/alter_table.test:1453 m1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1453
CREATE TABLE m1(a INT PRIMARY KEY, b INT) engine=MyISAM;
INSERT INTO m1 VALUES (1,1), (2,2);
-- ddl
ALTER TABLE m1 ENABLE KEYS;
ALTER TABLE m1 ENABLE KEYS, ALGORITHM= DEFAULT;
ALTER TABLE m1 ENABLE KEYS, ALGORITHM= COPY;
ALTER TABLE m1 ENABLE KEYS, ALGORITHM= INPLACE;
ALTER TABLE m1 ENABLE KEYS, LOCK= DEFAULT;
ALTER TABLE m1 ENABLE KEYS, LOCK= EXCLUSIVE;
ALTER TABLE m1 ENABLE KEYS, ALGORITHM= INPLACE, LOCK= EXCLUSIVE;
ALTER TABLE m1 ENABLE KEYS, ALGORITHM= COPY, LOCK= SHARED;
ALTER TABLE m1 ENABLE KEYS, ALGORITHM= COPY, LOCK= EXCLUSIVE;

-- case: main/alter_table.test:1740 ti1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1740
CREATE TABLE ti1(a INT PRIMARY KEY AUTO_INCREMENT, b INT) engine=InnoDB;
INSERT INTO ti1(b) VALUES (1), (2);
-- ddl
ALTER TABLE ti1 RENAME TO ti3, ADD INDEX ii1(b);

-- case: main/alter_table.test:1762 tm1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1762
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE tm1(i INT DEFAULT 1) engine=MyISAM
CREATE TABLE tm1(i INT DEFAULT 1, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=MyISAM;
-- ddl
ALTER TABLE tm1 ADD INDEX ii1(i), ALTER COLUMN i DROP DEFAULT;

-- case: main/alter_table.test:1769 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1769
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table if not exists t1 (i int)
create table if not exists t1 (i int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 add key (i);
alter table t1 add key if not exists (i);

-- case: main/alter_table.test:1777 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1777
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int)
create table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 change column if exists a b bigint;

-- case: main/alter_table.test:1786 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1786
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (i int)
create table t1 (i int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 add unique index if not exists idx(i);
alter table t1 add unique index if not exists idx(i);

-- case: main/alter_table.test:1796 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1796
CREATE TABLE t1 (
   `event_id` bigint(20) unsigned NOT NULL DEFAULT '0',
   `market_id` bigint(20) unsigned NOT NULL DEFAULT '0',
 PRIMARY KEY (`event_id`,`market_id`)
 );
-- ddl
ALTER TABLE t1 ADD PRIMARY KEY IF NOT EXISTS event_id (event_id,market_id);

-- case: main/alter_table.test:1835 t2
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1835
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t2 (id1 INT UNSIGNED NOT NULL)
CREATE TABLE t2 (id1 INT UNSIGNED NOT NULL, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
ALTER TABLE t2
ADD FOREIGN KEY IF NOT EXISTS (id1)
  REFERENCES t1 (id);
ALTER TABLE t2
ADD FOREIGN KEY IF NOT EXISTS (id1)
REFERENCES t1 (id);

-- case: main/alter_table.test:1852 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1852
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (id int(11) NOT NULL, a int(11) NOT NULL, b int(11))
--     ENGINE=InnoDB DEFAULT CHARSET=latin1
CREATE TABLE t1 (id int(11) NOT NULL, a int(11) NOT NULL, b int(11), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk))
  ENGINE=InnoDB DEFAULT CHARSET=latin1;
-- ddl
ALTER TABLE t1 CONVERT TO CHARACTER SET utf8;

-- case: main/alter_table.test:1865 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1865
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a INT, b INT) ENGINE=InnoDB
CREATE TABLE t1 (a INT, b INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=InnoDB;
-- ddl
ALTER TABLE t1 DROP FOREIGN KEY IF EXISTS fk, DROP COLUMN b;

-- case: main/alter_table.test:1870 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1870
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a INT, b INT) ENGINE=InnoDB
CREATE TABLE t1 (a INT, b INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=InnoDB;
-- ddl
ALTER TABLE t1 DROP INDEX IF EXISTS fk, DROP COLUMN b;

-- case: main/alter_table.test:1875 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1875
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a INT, b INT, c INT, KEY(c)) ENGINE=InnoDB
CREATE TABLE t1 (a INT, b INT, c INT, KEY(c), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=InnoDB;
-- ddl
ALTER TABLE t1 DROP FOREIGN KEY IF EXISTS fk, DROP COLUMN c;

-- case: main/alter_table.test:1880 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1880
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a INT, b INT, c INT, KEY c1(c)) ENGINE=InnoDB
CREATE TABLE t1 (a INT, b INT, c INT, KEY c1(c), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=InnoDB;
-- ddl
ALTER TABLE t1 DROP FOREIGN KEY IF EXISTS fk, DROP INDEX c1;

-- case: main/alter_table.test:1885 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1885
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a INT, b INT) ENGINE=InnoDB
CREATE TABLE t1 (a INT, b INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=InnoDB;
-- ddl
ALTER TABLE t1 DROP INDEX IF EXISTS fk, DROP COLUMN IF EXISTS c;

-- case: main/alter_table.test:1912 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1912
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1(i INT) ENGINE=INNODB
CREATE TABLE t1(i INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=INNODB;
INSERT INTO t1 VALUES (1),(2),(3),(4),(5),(6),(7),(8);
-- ddl
ALTER TABLE t1 MODIFY i FLOAT;

-- case: main/alter_table.test:1921 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1921
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1(a INT)
CREATE TABLE t1(a INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
CREATE INDEX i1 ON t1(a) COMMENT 'comment1';
ALTER TABLE t1 DROP INDEX i1, ADD INDEX i1(a) COMMENT 'comment2';

-- case: main/alter_table.test:1934 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1934
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a INT, b INT) engine=myisam
CREATE TABLE t1 (a INT, b INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=myisam;
-- ddl
ALTER TABLE t1 ADD CONSTRAINT IF NOT EXISTS `min` CHECK (a+b > 100);
ALTER TABLE t1 ADD CONSTRAINT IF NOT EXISTS `min` CHECK (a+b > 100);
ALTER TABLE t1 ADD CONSTRAINT `mini` CHECK (a+b > 100);

-- case: main/alter_table.test:1949 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1949
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int, b int, check(a>b))
create table t1 (a int, b int, check(a>b), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 drop column a, drop constraint constraint_1;

-- case: main/alter_table.test:1958 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1958
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int, b int, check(a>0))
create table t1 (a int, b int, check(a>0), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 drop column a;

-- case: main/alter_table.test:1963 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1963
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int, b int, check(a>0))
create table t1 (a int, b int, check(a>0), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 drop column a, add column a bigint first;

-- case: main/alter_table.test:1968 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1968
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int, b int, c int, unique(a))
create table t1 (a int, b int, c int, unique(a), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 drop column a;

-- case: main/alter_table.test:1973 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1973
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int, b int, c int, unique(a,b))
create table t1 (a int, b int, c int, unique(a,b), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 drop column a, drop index a;

-- case: main/alter_table.test:1984 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1984
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (i int)
create table t1 (i int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 alter column if exists a set default 1;
alter table t1 alter column if exists a drop default;

-- case: main/alter_table.test:1995 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:1995
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int, b int, check(a>b))
create table t1 (a int, b int, check(a>b), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 change column a b int, change column b a int;

-- case: main/alter_table.test:2000 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2000
create table t1 (a int primary key, b int, c int default (a+b) check (a+b>0),
                d int as (a+b),
	        key (b),
	        constraint test check (a+b > 1));
-- ddl
alter table t1 change b new_b int not null, add column b char(1), add constraint new check (length(b) > 0);

-- case: main/alter_table.test:2029 t2
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2029
CREATE TABLE t2(id INT PRIMARY KEY, c1 INT, c2 INT NOT NULL,
    CONSTRAINT sid FOREIGN KEY (`c1`) REFERENCES t1 (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION,
    CONSTRAINT UNIQUE `ui`(c2)) ENGINE= INNODB;
-- ddl
ALTER TABLE t2 DROP CONSTRAINT sid;
ALTER TABLE t2 DROP CONSTRAINT ui;
ALTER TABLE t2 DROP CONSTRAINT PRIMARY KEY;

-- case: main/alter_table.test:2058 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2058
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1(t int, d date not null)
create table t1(t int, d date not null, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
insert into t1 values (1,'2001-1-1');
-- ddl
alter table t1 change d d date not null after t, add i int;

-- case: main/alter_table.test:2080 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2080
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int)engine=InnoDB
create table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk))engine=InnoDB;
insert into t1 values (1),(1),(2),(3);
-- ddl
alter table t1 change a b int;

-- case: main/alter_table.test:2093 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2093
create or replace table t1 (pk int, i int, primary key (pk)) engine myisam;
-- ddl
alter table t1 add column if not exists i int after pk;

-- case: main/alter_table.test:2111 person_principal
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2111
create or replace table person_principal (
  person_id bigint not null,
  insurant_id varchar(10) not null,
  principal_id bigint not null,
  principal_officer_id bigint not null,
  nursing_degree tinyint null,
  nursing_degree_valid_from date not null default cast(current_timestamp(6) as date),
  carma_user_id bigint not null,
  current_date_time timestamp(6) not null default current_timestamp(6) on update current_timestamp(6),
  constraint pk_person_principal primary key (person_id asc),
  constraint ck_person_principal_nursing_degree check (nursing_degree in (1,2,3,4,5)));
insert into person_principal (person_id, insurant_id, principal_id, principal_officer_id, nursing_degree, nursing_degree_valid_from, carma_user_id)
values (1, 'A123456789', 5, 1, 1, '2018-05-06', 1);
-- ddl
alter table person_principal add column if not exists date_mask tinyint null;
alter table person_principal modify column date_mask tinyint not null;

-- case: main/alter_table.test:2146 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2146
CREATE OR REPLACE TABLE `t1` (   `id` varchar(64) NOT NULL,   `name` varchar(255) NOT NULL,   `extra` text DEFAULT NULL,   `password` varchar(128) DEFAULT NULL,   `enabled` tinyint(1) DEFAULT NULL,   `domain_id` varchar(64) NOT NULL,   `default_project_id` varchar(64) DEFAULT NULL,   PRIMARY KEY (`id`),  CONSTRAINT `CONSTRAINT_1` CHECK (`enabled` in (0,1)) ) ENGINE=InnoDB DEFAULT CHARSET=utf8;
insert into t1 (id,name,enabled,domain_id) values (1,"Monty",1,"domain_id");
insert into t1 (id,name,enabled,domain_id) values (2,"Monty2",1,"domain_id2");
-- ddl
ALTER TABLE t1 ADD CONSTRAINT ixu_user2_name_domain_id UNIQUE (domain_id, name);

-- case: main/alter_table.test:2166 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2166
create table t1 (pk int primary key, i int, j int, key a(i));
-- ddl
alter table t1 rename key a to b;
alter table t1 rename index b to c;
alter table t1 rename key if exists d to e;
alter table t1 add key d(j);
alter table t1 drop key d;
alter table t1 add key d(j);
alter table t1 drop key c, rename key d to c;

-- case: main/alter_table.test:2229 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2229
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int, unique u(a), b int, key k(b))
create table t1 (a int, unique u(a), b int, key k(b), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 rename key u to uu;
alter table t1 rename key k to kk;
alter table t1 rename key kk to kkk, add column c int;
alter table t1 rename key uu to uuu, add key c(c);
alter table t1 rename key kkk to k, drop key uuu;
alter table t1 rename key k to kk, rename to t2;

-- case: main/alter_table.test:2254 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2254
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (i int, key k(i)) engine=myisam
create table t1 (i int, key k(i), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=myisam;
insert into t1 values (1);
-- ddl
alter table t1 algorithm=inplace, rename key k to kk;
alter table t1 rename key kk to kkk;
alter table t1 algorithm=copy, rename key kkk to kkkk;
alter table t1 algorithm=inplace, rename key kkkk to k, alter column i set default 100;

-- case: main/alter_table.test:2256 t2
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2256
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t2 (i int, key k(i)) engine=memory
create table t2 (i int, key k(i), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=memory;
insert into t2 values (1);
-- ddl
alter table t2 algorithm=inplace, rename key k to kk;
alter table t2 rename key kk to kkk;
alter table t2 algorithm=copy, rename key kkk to kkkk;
alter table t2 algorithm=inplace, rename key kkkk to k, alter column i set default 100;

-- case: main/alter_table.test:2292 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2292
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (i int, key k(i)) engine=innodb
create table t1 (i int, key k(i), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=innodb;
insert into t1 values (1);
-- ddl
alter table t1 algorithm=inplace, rename key k to kk;
alter table t1 algorithm=copy, rename key kk to kkk;

-- case: main/alter_table.test:2316 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2316
create table t1 ( a int, b int, c int, d int,
                  primary key (a), index i1 (b), index i2 (c) ) engine=innodb;
-- ddl
alter table t1 add index i1 (d), rename index i1 to x;

-- case: main/alter_table.test:2326 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2326
create table t1 (a int, b int, c int, d int,
                 primary key (a), index i1 (b), index i2 (c)) engine=innodb;
-- ddl
alter table t1 add index i1 (d), rename index i1 to i2, drop index i2;

-- case: main/alter_table.test:2341 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2341
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int)
create table t1 (a int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table if exists t1 add column b int;
alter table if exists t1 rename t2;

-- case: main/alter_table.test:2352 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2352
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int check (a >= 0))
create table t1 (a int check (a >= 0), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 rename column a to a;
alter table t1 rename key if exists x to xx;

-- case: main/alter_table.test:2364 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2364
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (abc int)
create table t1 (abc int, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 rename column abc to Abc, algorithm=copy;
alter table t1 rename column abc to ABc, algorithm=inplace;
alter table t1 rename column abc to ABC;

-- case: main/alter_table.test:2376 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2376
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (a int, key idx1(a), key idx2 using btree(a)) engine=memory
create table t1 (a int, key idx1(a), key idx2 using btree(a), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) engine=memory;
-- ddl
alter table t1 rename index idx1 to idx3, algorithm=inplace;

-- case: main/alter_table.test:2393 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2393
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (
--     `altcol1` blob DEFAULT '',
--     KEY `altcol1` (`altcol1`(2300))
--   ) ROW_FORMAT=PAGE, ENGINE=Aria
CREATE TABLE t1 (
  `altcol1` blob DEFAULT '',
  KEY `altcol1` (`altcol1`(2300))
, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ROW_FORMAT=PAGE, ENGINE=Aria;
-- ddl
ALTER TABLE t1 ADD FOREIGN KEY h (`altcol1`) REFERENCES t1 (`altcol1`) ON UPDATE SET DEFAULT, ALGORITHM=COPY;

-- case: main/alter_table.test:2405 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2405
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1 (a POINT, b POINT, KEY(a)) ENGINE=Aria
CREATE TABLE t1 (a POINT, b POINT, KEY(a), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=Aria;
-- ddl
ALTER TABLE t1 ADD FOREIGN KEY (a) REFERENCES t (b);

-- case: main/alter_table.test:2424 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2424
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t (a INT, b INT, KEY(a), KEY(b)) ENGINE=INNODB
CREATE TABLE t (a INT, b INT, KEY(a), KEY(b), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=INNODB;
-- ddl
ALTER TABLE t RENAME KEY b TO B;

-- case: main/alter_table.test:2429 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2429
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t (c INT UNIQUE) ENGINE=InnoDB
CREATE TABLE t (c INT UNIQUE, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=InnoDB;
-- ddl
ALTER TABLE t RENAME KEY c TO C;

-- case: main/alter_table.test:2434 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2434
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t (c POINT GENERATED ALWAYS AS (POINT(1,1)) UNIQUE) ENGINE=InnoDB
CREATE TABLE t (c POINT GENERATED ALWAYS AS (POINT(1,1)) UNIQUE, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=InnoDB;
-- ddl
ALTER TABLE t RENAME KEY c to C;

-- case: main/alter_table.test:2440 t
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2440
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t (c POINT GENERATED ALWAYS AS (POINT(1,1)) UNIQUE) ENGINE=InnoDB
CREATE TABLE t (c POINT GENERATED ALWAYS AS (POINT(1,1)) UNIQUE, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk)) ENGINE=InnoDB;
-- ddl
ALTER TABLE t RENAME KEY c to C;

-- case: main/alter_table.test:2451 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2451
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (
--     a int,
--     b int default 0,
--     c int not null,
--     d int not null default 1)
create table t1 (
  a int,
  b int default 0,
  c int not null,
  d int not null default 1, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1
  alter a drop default,
  alter b drop default,
  alter c drop default,
  alter d drop default;

-- case: main/alter_table.test:2495 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2495
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t1 (d time default '00:00:00')
create table t1 (d time default '00:00:00', _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t1 alter column d drop default;

-- case: main/alter_table.test:2499 t2
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2499
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t2 (d datetime not null default current_timestamp())
create table t2 (d datetime not null default current_timestamp(), _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t2 alter column d drop default;

-- case: main/alter_table.test:2503 t3
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/alter_table.test:2503
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   create table t3 (d datetime not null)
create table t3 (d datetime not null, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
alter table t3 alter column d set default current_timestamp();
