-- Cases extracted from MariaDB's server test suite, main/timeout.test, as shipped in Debian's mariadb-test-data
-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on
-- that table next (statements the test expects to fail, and those using test variables, left out).

-- case: main/timeout.test:5 t1
-- origin: MariaDB/server mariadb-10.11.18 mysql-test/main/timeout.test:5
-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:
--   CREATE TABLE t1(a INT, b TEXT, c MULTIPOLYGON NOT NULL)
CREATE TABLE t1(a INT, b TEXT, c MULTIPOLYGON NOT NULL, _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY (_corpus_pk));
-- ddl
CREATE INDEX i1 ON t1(a) WAIT 1;
CREATE FULLTEXT INDEX i2 ON t1(b) WAIT 1;
CREATE SPATIAL INDEX i3 ON t1(c) WAIT 1;
ALTER TABLE t1 WAIT 1 COMMENT='test';
DROP INDEX i1 ON t1 WAIT 1;
