-- Cases from Debezium's DDL parser test files (debezium/debezium debezium-ddl-parser/src/test/resources, mysql and
-- mariadb examples). Those files hold statements only: each case here invents the smallest setup table with a primary
-- key and the columns the statements name (adapted: a qualified name `hcore`.comments written unqualified).
-- origin: debezium/debezium @ aad5519902997a3627fe296f77ea6d3452e9acce

-- case: debezium/ship_class
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mariadb/examples/fast/ddl_alter.sql:3,9,10 @ aad551990299
create table ship_class (id int primary key, class varchar(20), start_build int, end_build int);
-- ddl
alter table ship_class add column ship_spec varchar(150) first, add somecol int after start_build, algorithm=instant;
alter table ship_class change column somecol col_for_del tinyint first;
alter table ship_class drop col_for_del;

-- case: debezium/t3 columns
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mariadb/examples/fast/ddl_alter.sql:4,5,6,11,12 @ aad551990299
create table t3 (id int primary key, c1 int);
-- ddl
alter table t3 add column (c2 decimal(10, 2) comment 'comment`' null, c3 enum('abc', 'cba', 'aaa')), add index t3_i1 using btree (c2) comment 'some index';
alter table t3 add column (c4 decimal(10, 2) comment 'comment`' null), add index t3_i2 using btree (c4) comment 'some index';
alter table t3 add column if not exists (c2 decimal(10, 2), c3 int);
alter table t3 drop index t3_i1;
alter table t3 drop index if exists t3_i2;

-- case: debezium/t2 constraint pk
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mariadb/examples/fast/ddl_alter.sql:14,7 @ aad551990299
create table t2 (`1c` int not null, `_` int, primary key (`_`));
-- ddl
alter table t2 drop primary key;
alter table t2 add constraint t2_pk_constraint primary key (1c), alter column `_` set default 1;

-- case: debezium/test charset
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mariadb/examples/fast/ddl_alter.sql:18,19 @ aad551990299
create table `test` (`id` varchar(10) not null, v int, primary key (`id`));
-- ddl
alter table `test` change `id` `id` varchar(10) character set utf8mb4 collate utf8mb4_bin not null;
alter table `test` change `id` `id` varchar(10) character set utf8mb4 binary not null;

-- case: debezium/table1 pk
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mariadb/examples/fast/ddl_alter.sql:(first statement added to drop the setup key),25,28 @ aad551990299
create table table1 (id int not null, v int, _corpus_pk int primary key);
-- ddl
alter table table1 drop primary key;
alter table table1 add primary key table_pk (id);
alter table table1 add column yes varchar(255)  default '' null;

-- case: debezium/add_test if exists
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mariadb/examples/fast/ddl_alter.sql:29,30,31,36,37,40,41,42,43,44,45,46,47,50 @ aad551990299
create table add_test (id int primary key, col2 int, col3 int, col8 int, fk int, key fk (fk), constraint cons check (col2 > 0));
-- ddl
alter table add_test add column if not exists col1 varchar(255);
alter table add_test add column if not exists col4 varchar(255);
alter table add_test add index if not exists ix_add_test_col1 using btree (col1) comment 'test index';
alter table add_test alter index ix_add_test_col1 ignored;
alter table add_test alter index ix_add_test_col1 not ignored;
alter table add_test change column if exists col8 col9 tinyint;
alter table add_test change column if exists col3 col5 tinyint;
alter table add_test modify column if exists col9 tinyint;
alter table add_test modify column if exists col5 varchar(255);
alter table add_test drop column if exists col99;
alter table add_test drop column if exists col5;
alter table add_test add column optional bool default 0 null;
alter table add_test add column empty varchar(255);
alter table add_test drop constraint if exists cons;

-- case: debezium/add_test wait
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mariadb/examples/fast/ddl_alter.sql:51 @ aad551990299
create table add_test (id int primary key);
-- ddl
alter table add_test wait 100 add column col1 int not null;

-- case: debezium/if exists table
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mariadb/examples/fast/ddl_alter.sql:54 @ aad551990299
create table `add_test` (id int primary key);
-- ddl
alter table if exists `add_test` add column if not exists `new_col` text default 'my_default';

-- case: debezium/user_details nocopy
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mariadb/examples/fast/ddl_alter.sql:55 @ aad551990299
create table user_details (id int primary key, country_id int);
-- ddl
alter table user_details add index if not exists `country_id_index` (country_id), algorithm=NOCOPY;

-- case: debezium/convert to charset
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mariadb/examples/fast/ddl_alter.sql:56 @ aad551990299
create table table_name (id int primary key, name varchar(20) character set latin1, t text);
-- ddl
alter table table_name CONVERT TO CHARACTER SET utf8mb4;

-- case: debezium/convert to charset 2
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mariadb/examples/fast/ddl_alter.sql:57 @ aad551990299
create table table_name (id int primary key, name varchar(20) character set latin1);
-- ddl
alter table table_name CONVERT TO CHARSET utf8mb4;

-- case: debezium/default charset
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mariadb/examples/fast/ddl_alter.sql:58,59 @ aad551990299
create table table_name (id int primary key, name varchar(20));
-- ddl
alter table table_name DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
alter table table_name DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- case: debezium/add partition
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mariadb/examples/fast/ddl_alter.sql:139,140 @ aad551990299
create table t1 (id int, y int, primary key (id, y)) partition by range (y) (partition p1 values less than (2000), partition p2 values less than (2001));
-- ddl
ALTER TABLE t1 ADD PARTITION (PARTITION p3 VALUES LESS THAN (2002));
ALTER TABLE t1 ADD PARTITION IF NOT EXISTS (PARTITION p3 VALUES LESS THAN (2002));

-- case: debezium/pk if not exists
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mariadb/examples/fast/ddl_alter.sql:151 @ aad551990299
create table test_table (id int not null, v int);
-- ddl
ALTER TABLE test_table ADD PRIMARY KEY IF NOT EXISTS (id);

-- case: debezium/with_check
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mysql/examples/ddl_alter.sql:27,28,29 @ aad551990299
create table with_check (id int primary key, c1 int);
-- ddl
alter table with_check add constraint check (c1 in (1, 2, 3, 4));
alter table with_check add constraint c2 check (c1 in (1, 2, 3, 4));
alter table with_check add check (c1 in (1, 2, 3, 4));

-- case: debezium/childtable fk
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mysql/examples/ddl_alter.sql:22,18 @ aad551990299
create table parenttable (id int primary key);
create table childtable (id int primary key, idParent int, key fk_idParent_parentTable (idParent));
-- ddl
alter table childtable add constraint `fk1` foreign key (idParent) references parenttable(id) on delete restrict on update cascade;
alter table childtable drop index fk_idParent_parentTable;

-- case: debezium/enum charset
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mysql/examples/ddl_alter.sql:35 @ aad551990299
create table t1 (id int primary key, c1 int);
-- ddl
alter table t1 modify column c1 enum('abc','cba','aaa') character set 'utf8' collate 'utf8_unicode_ci' not null default 'abc';

-- case: debezium/some_table add list
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mysql/examples/ddl_alter.sql:44 @ aad551990299
create table `some_table` (`id` int not null, v int, _corpus_pk int primary key);
-- ddl
alter table `some_table` add (primary key `id` (`id`),`k_id` int unsigned not null,`another_field` smallint not null,index `k_id` (`k_id`));

-- case: debezium/T1 fk set default
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mysql/examples/ddl_alter.sql:48 @ aad551990299
create table TT (I int primary key);
create table T1 (id int primary key, I int);
-- ddl
ALTER TABLE T1 ADD FOREIGN KEY ( I )  REFERENCES TT ( I ) ON DELETE SET DEFAULT;

-- case: debezium/order tinyint
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mysql/examples/ddl_alter.sql:56 @ aad551990299
create table `order` (id int primary key);
-- ddl
ALTER TABLE `order` ADD cancelled TINYINT(1) DEFAULT 0 NOT NULL, ADD delivered TINYINT(1) DEFAULT 0 NOT NULL, ADD returning TINYINT(1) DEFAULT 0 NOT NULL;

-- case: debezium/rename column
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mysql/examples/ddl_alter.sql:14 @ aad551990299
create table t5 (id int primary key, old int);
-- ddl
alter table t5 rename column old to new;

-- case: debezium/collate convert
-- origin: debezium/debezium debezium-ddl-parser/src/test/resources/mysql/examples/ddl_alter.sql:47 (adapted: `hcore`.comments unqualified) @ aad551990299
create table comments (id int primary key, body text character set latin1);
-- ddl
ALTER TABLE comments COLLATE='utf8mb4_general_ci', CONVERT TO CHARSET UTF8MB4;
