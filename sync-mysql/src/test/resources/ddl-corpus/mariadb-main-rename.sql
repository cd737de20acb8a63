-- Cases extracted from MariaDB's server test suite, main/rename.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: main/rename.test:102 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/rename.test:102
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE OR REPLACE TABLE t1 (a INT)
CREATE OR REPLACE TABLE t1 (a INT, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
rename table t1 to t1_tmp;
