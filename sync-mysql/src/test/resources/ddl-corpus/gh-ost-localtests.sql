-- Cases from gh-ost's local tests: each test's create.sql (its CREATE TABLE/INDEX statements; the rows,
-- events and triggers left out) as setup, and its extra_args --alter value as `ALTER TABLE gh_ost_test <alter>`,
-- the statement gh-ost applies to its ghost table.
-- origin: github/gh-ost localtests/ @ 145799eeb80081c8b66fe5f56f1d94e3d8fb1b35

-- case: gh-ost/alter-charset-all-dml
-- origin: github/gh-ost localtests/alter-charset-all-dml/create.sql, localtests/alter-charset-all-dml/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  t1 varchar(128)  charset latin1 collate latin1_swedish_ci,
  t2 varchar(128)  charset latin1 collate latin1_swedish_ci,
  tutf8 varchar(128) charset utf8,
  tutf8mb4 varchar(128) charset utf8mb4,
  random_value varchar(128) charset ascii,
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test MODIFY `t1` varchar(128) CHARACTER SET utf8mb4 NOT NULL, MODIFY `t2` varchar(128) CHARACTER SET latin2 NOT NULL, MODIFY `tutf8` varchar(128) CHARACTER SET latin1 NOT NULL;

-- case: gh-ost/alter-charset
-- origin: github/gh-ost localtests/alter-charset/create.sql, localtests/alter-charset/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  t1 varchar(128)  charset latin1 collate latin1_swedish_ci,
  t2 varchar(128)  charset latin1 collate latin1_swedish_ci,
  tutf8 varchar(128) charset utf8,
  tutf8mb4 varchar(128) charset utf8mb4,
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test MODIFY `t1` varchar(128) CHARACTER SET utf8mb4 NOT NULL, MODIFY `t2` varchar(128) CHARACTER SET latin2 NOT NULL, MODIFY `tutf8` varchar(128) CHARACTER SET latin1 NOT NULL;

-- case: gh-ost/autoinc-copy-deletes-user-defined
-- origin: github/gh-ost localtests/autoinc-copy-deletes-user-defined/create.sql, localtests/autoinc-copy-deletes-user-defined/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  i int not null,
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test AUTO_INCREMENT=7;

-- case: gh-ost/bigint-change-nullable
-- origin: github/gh-ost localtests/bigint-change-nullable/create.sql, localtests/bigint-change-nullable/extra_args @ 145799eeb800
create table gh_ost_test (
  id bigint auto_increment,
  val bigint not null,
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test change val val bigint;

-- case: gh-ost/binary-to-varbinary
-- origin: github/gh-ost localtests/binary-to-varbinary/create.sql, localtests/binary-to-varbinary/extra_args @ 145799eeb800
create table gh_ost_test (
  id int NOT NULL AUTO_INCREMENT,
  info varchar(255) NOT NULL,
  data binary(20) NOT NULL,
  PRIMARY KEY (id)
) auto_increment=1;
-- ddl
alter table gh_ost_test MODIFY data varbinary(32);

-- case: gh-ost/bit-add
-- origin: github/gh-ost localtests/bit-add/create.sql, localtests/bit-add/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  i int not null,
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test add column is_good bit null default 0;

-- case: gh-ost/bit-dml
-- origin: github/gh-ost localtests/bit-dml/create.sql, localtests/bit-dml/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  i int not null,
  is_good bit null default 0,
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test modify column is_good bit not null default 0;

-- case: gh-ost/convert-utf8mb4
-- origin: github/gh-ost localtests/convert-utf8mb4/create.sql, localtests/convert-utf8mb4/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  t varchar(128) charset utf8 collate utf8_general_ci,
  tl varchar(128) charset latin1 not null,
  ta varchar(128) charset ascii not null,
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test convert to character set utf8mb4;

-- case: gh-ost/copy-retries-exhausted
-- origin: github/gh-ost localtests/copy-retries-exhausted/create.sql, localtests/copy-retries-exhausted/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  name mediumtext not null,
  primary key (id)
) auto_increment=1;
-- ddl
alter table gh_ost_test modify column name mediumtext;

-- case: gh-ost/datetime-1970
-- origin: github/gh-ost localtests/datetime-1970/create.sql, localtests/datetime-1970/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  create_time timestamp NULL DEFAULT '0000-00-00 00:00:00',
  update_time timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  counter int(10) unsigned DEFAULT NULL,
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test add column name varchar(1);

-- case: gh-ost/datetime-to-timestamp-pk-fail
-- origin: github/gh-ost localtests/datetime-to-timestamp-pk-fail/create.sql, localtests/datetime-to-timestamp-pk-fail/extra_args @ 145799eeb800
create table gh_ost_test (
  id int unsigned auto_increment,
  i int not null,
  ts0 timestamp default current_timestamp,
  ts1 timestamp null,
  dt2 datetime,
  t   datetime default current_timestamp,
  updated tinyint unsigned default 0,
  primary key(id, t),
  key i_idx(i)
) auto_increment=1;
-- ddl
alter table gh_ost_test change column t t timestamp default current_timestamp;

-- case: gh-ost/datetime-to-timestamp
-- origin: github/gh-ost localtests/datetime-to-timestamp/create.sql, localtests/datetime-to-timestamp/extra_args @ 145799eeb800
create table gh_ost_test (
  id int unsigned auto_increment,
  i int not null,
  ts0 timestamp default current_timestamp,
  ts1 timestamp null,
  dt2 datetime,
  t   datetime null,
  updated tinyint unsigned default 0,
  primary key(id),
  key i_idx(i)
) auto_increment=1;
-- ddl
alter table gh_ost_test change column t t timestamp null;

-- case: gh-ost/datetime-with-zero
-- origin: github/gh-ost localtests/datetime-with-zero/create.sql, localtests/datetime-with-zero/extra_args @ 145799eeb800
create table gh_ost_test (
  id int unsigned auto_increment,
  i int not null,
  dt datetime,
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test change column dt dt datetime not null default '1970-00-00 00:00:00';

-- case: gh-ost/drop-null-add-not-null
-- origin: github/gh-ost localtests/drop-null-add-not-null/create.sql, localtests/drop-null-add-not-null/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  c1 int null,
  c2 int not null,
  primary key (id)
) auto_increment=1;
-- ddl
alter table gh_ost_test drop column c1, add column c1 int not null default 47;

-- case: gh-ost/enum-to-varchar
-- origin: github/gh-ost localtests/enum-to-varchar/create.sql, localtests/enum-to-varchar/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  i int not null,
  e enum('red', 'green', 'blue', 'orange') null default null collate 'utf8_bin',
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test change e e varchar(32) not null default '';

-- case: gh-ost/enum
-- origin: github/gh-ost localtests/enum/create.sql, localtests/enum/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  i int not null,
  e enum('red', 'green', 'blue', 'orange') null default null collate 'utf8_bin',
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test change e e enum('red', 'green', 'blue', 'orange', 'yellow') null default null collate 'utf8_bin';

-- case: gh-ost/existing-datetime-with-zero
-- origin: github/gh-ost localtests/existing-datetime-with-zero/create.sql, localtests/existing-datetime-with-zero/extra_args @ 145799eeb800
create table gh_ost_test (
  id int unsigned auto_increment,
  i int not null,
  dt datetime not null default '1970-00-00 00:00:00',
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test engine=innodb;

-- case: gh-ost/fail-datetime-with-zero
-- origin: github/gh-ost localtests/fail-datetime-with-zero/create.sql, localtests/fail-datetime-with-zero/extra_args @ 145799eeb800
create table gh_ost_test (
  id int unsigned auto_increment,
  i int not null,
  dt datetime,
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test change column dt dt datetime not null default '1970-00-00 00:00:00';

-- case: gh-ost/fail-drop-pk
-- origin: github/gh-ost localtests/fail-drop-pk/create.sql, localtests/fail-drop-pk/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  i int not null,
  ts timestamp,
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test change id id int, drop primary key;

-- case: gh-ost/fail-existing-datetime-with-zero
-- origin: github/gh-ost localtests/fail-existing-datetime-with-zero/create.sql, localtests/fail-existing-datetime-with-zero/extra_args @ 145799eeb800
create table gh_ost_test (
  id int unsigned auto_increment,
  i int not null,
  dt datetime not null default '1970-00-00 00:00:00',
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test engine=innodb;

-- case: gh-ost/fail-no-shared-uk
-- origin: github/gh-ost localtests/fail-no-shared-uk/create.sql, localtests/fail-no-shared-uk/extra_args @ 145799eeb800
create table gh_ost_test (
  id int not null,
  i int not null,
  ts timestamp,
  primary key(id)
);
-- ddl
alter table gh_ost_test drop primary key, add primary key (i);

-- case: gh-ost/fail-rename-table
-- origin: github/gh-ost localtests/fail-rename-table/create.sql, localtests/fail-rename-table/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  i int not null,
  ts timestamp,
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test rename as something_else;

-- case: gh-ost/generated-columns-add
-- origin: github/gh-ost localtests/generated-columns-add/create.sql, localtests/generated-columns-add/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  a int not null,
  b int not null,
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test add column sum_ab int as (a + b) virtual;

-- case: gh-ost/generated-columns-rename
-- origin: github/gh-ost localtests/generated-columns-rename/create.sql, localtests/generated-columns-rename/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  a int not null,
  b int not null,
  sum_ab int as (a + b) virtual,
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test change sum_ab total_ab int as (a + b) virtual;

-- case: gh-ost/keyword-column
-- origin: github/gh-ost localtests/keyword-column/create.sql, localtests/keyword-column/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  i int not null,
  color varchar(32),
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test add column `index` int unsigned;

-- case: gh-ost/modify-change-case-pk
-- origin: github/gh-ost localtests/modify-change-case-pk/create.sql, localtests/modify-change-case-pk/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  c1 int not null default 0,
  c2 int not null default 0,
  primary key (id)
) auto_increment=1;
-- ddl
alter table gh_ost_test modify ID int;

-- case: gh-ost/modify-change-case
-- origin: github/gh-ost localtests/modify-change-case/create.sql, localtests/modify-change-case/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  c1 int not null default 0,
  c2 int not null default 0,
  primary key (id)
) auto_increment=1;
-- ddl
alter table gh_ost_test modify C2 int not null default 0;

-- case: gh-ost/panic-on-warnings-batch-middle
-- origin: github/gh-ost localtests/panic-on-warnings-batch-middle/create.sql, localtests/panic-on-warnings-batch-middle/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  email varchar(255) not null,
  primary key (id)
) auto_increment=1;
-- ddl
alter table gh_ost_test add unique index email_idx(email);

-- case: gh-ost/panic-on-warnings-duplicate-unique-values-on-column-type-change
-- origin: github/gh-ost localtests/panic-on-warnings-duplicate-unique-values-on-column-type-change/create.sql, localtests/panic-on-warnings-duplicate-unique-values-on-column-type-change/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  name varchar(255) not null,
  primary key (id)
) auto_increment=1;
create unique index name_index on gh_ost_test (name);
-- ddl
alter table gh_ost_test modify column name varchar(4) not null;

-- case: gh-ost/panic-on-warnings-duplicate-values-for-unique-index
-- origin: github/gh-ost localtests/panic-on-warnings-duplicate-values-for-unique-index/create.sql, localtests/panic-on-warnings-duplicate-values-for-unique-index/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  name varchar(255) not null,
  primary key (id)
) auto_increment=1;
-- ddl
alter table gh_ost_test add unique index name_index(name);

-- case: gh-ost/panic-on-warnings-update-pk-with-duplicate-on-new-unique-index
-- origin: github/gh-ost localtests/panic-on-warnings-update-pk-with-duplicate-on-new-unique-index/create.sql, localtests/panic-on-warnings-update-pk-with-duplicate-on-new-unique-index/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  email varchar(100) not null,
  primary key (id)
) auto_increment=1;
-- ddl
alter table gh_ost_test ADD UNIQUE KEY email_unique (email);

-- case: gh-ost/rename-inserts-only
-- origin: github/gh-ost localtests/rename-inserts-only/create.sql, localtests/rename-inserts-only/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  c1 int not null,
  c2 int not null,
  primary key (id)
) auto_increment=1;
-- ddl
alter table gh_ost_test change column c2 c3 int not null;

-- case: gh-ost/rename-none-column
-- origin: github/gh-ost localtests/rename-none-column/create.sql, localtests/rename-none-column/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  c1 int not null,
  primary key (id)
) auto_increment=1;
-- ddl
alter table gh_ost_test add column exchange double comment 'exchange rate used for pay in your own currency';

-- case: gh-ost/rename-none-comment
-- origin: github/gh-ost localtests/rename-none-comment/create.sql, localtests/rename-none-comment/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  c1 int not null,
  primary key (id)
) auto_increment=1;
-- ddl
alter table gh_ost_test add column exchange_rate double comment 'change rate used for pay in your own currency';

-- case: gh-ost/rename-reorder-column
-- origin: github/gh-ost localtests/rename-reorder-column/create.sql, localtests/rename-reorder-column/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  c1 int not null,
  c2 int not null,
  primary key (id)
) auto_increment=1;
-- ddl
alter table gh_ost_test change column c2 c2a int not null after id;

-- case: gh-ost/rename-reorder-columns
-- origin: github/gh-ost localtests/rename-reorder-columns/create.sql, localtests/rename-reorder-columns/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  c1 int not null,
  c2 int not null,
  c3 int not null,
  primary key (id)
) auto_increment=1;
-- ddl
alter table gh_ost_test change column c2 c2a int not null, change column c3 c3 int not null after id;

-- case: gh-ost/rename
-- origin: github/gh-ost localtests/rename/create.sql, localtests/rename/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  c1 int not null,
  c2 int not null,
  primary key (id)
) auto_increment=1;
-- ddl
alter table gh_ost_test change column c2 c3 int not null;

-- case: gh-ost/reorder-columns
-- origin: github/gh-ost localtests/reorder-columns/create.sql, localtests/reorder-columns/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  c1 int not null,
  c2 int not null,
  primary key (id)
) auto_increment=1;
-- ddl
alter table gh_ost_test change column c2 c2 int not null after id;

-- case: gh-ost/shared-uk
-- origin: github/gh-ost localtests/shared-uk/create.sql, localtests/shared-uk/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  i int not null,
  ts timestamp,
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test drop primary key, add primary key (id, i);

-- case: gh-ost/swap-pk-uk
-- origin: github/gh-ost localtests/swap-pk-uk/create.sql, localtests/swap-pk-uk/extra_args @ 145799eeb800
create table gh_ost_test (
  id bigint,
  i int not null,
  ts timestamp(6),
  primary key(id),
  unique key its_uidx(i, ts)
);
-- ddl
alter table gh_ost_test drop primary key, drop key its_uidx, add primary key (i, ts), add unique key id_uidx(id);

-- case: gh-ost/swap-uk
-- origin: github/gh-ost localtests/swap-uk/create.sql, localtests/swap-uk/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  i int not null,
  ts timestamp,
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test drop primary key, add unique key(id);

-- case: gh-ost/timestamp-to-datetime
-- origin: github/gh-ost localtests/timestamp-to-datetime/create.sql, localtests/timestamp-to-datetime/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  i int not null,
  ts0 timestamp default current_timestamp,
  ts1 timestamp default current_timestamp,
  dt2 datetime,
  t   datetime,
  updated tinyint unsigned default 0,
  primary key(id),
  key i_idx(i)
) auto_increment=1;
-- ddl
alter table gh_ost_test change column t t datetime not null;

-- case: gh-ost/tz-datetime-ts
-- origin: github/gh-ost localtests/tz-datetime-ts/create.sql, localtests/tz-datetime-ts/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  i int not null,
  ts0 timestamp default current_timestamp,
  ts1 timestamp default current_timestamp,
  dt2 datetime,
  t   datetime,
  updated tinyint unsigned default 0,
  primary key(id),
  key i_idx(i)
) auto_increment=1;
-- ddl
alter table gh_ost_test change column t t timestamp not null default current_timestamp;

-- case: gh-ost/unsigned-rename
-- origin: github/gh-ost localtests/unsigned-rename/create.sql, localtests/unsigned-rename/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  i int not null,
  bi bigint not null,
  iu int unsigned not null,
  biu bigint unsigned not null,
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test change column iu iu_renamed int unsigned not null;

-- case: gh-ost/unsigned-reorder
-- origin: github/gh-ost localtests/unsigned-reorder/create.sql, localtests/unsigned-reorder/extra_args @ 145799eeb800
create table gh_ost_test (
  id int auto_increment,
  i int not null,
  bi bigint not null,
  iu int unsigned not null,
  biu bigint unsigned not null,
  primary key(id)
) auto_increment=1;
-- ddl
alter table gh_ost_test change column iu iu int unsigned not null after id;
