"""Cuts MariaDB mysql-test files into corpus cases. The corpus was made with:
python3 mariadb.py <mysql-test> main/alter_table.test main/alter_table_online.test main/alter_table_combinations.test
  main/alter_table_errors.test main/rename.test main/truncate.test main/create_or_replace.test main/check_constraint.test
  main/invisible_field.test main/partition_alter.test main/partition_exchange.test@30 main/partition.test@40
  main/partition_truncate.test main/default.test@30 suite/innodb/t/instant_alter.test@60
  suite/innodb/t/instant_alter_charset.test@40 suite/innodb/t/alter_table.test suite/innodb/t/alter_not_null.test@20
  main/type_bit.test@10 main/ctype_utf8.test@15 suite/parts/t/alter_table.test@30 main/timeout.test
  main/long_unique.test@20 suite/innodb/t/alter_algorithm.test@20 suite/innodb/t/instant_alter_null.test
  suite/innodb/t/alter_persistent_autoinc.test main/column_compression.test@15
"""
import os, sys
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'ddl-corpus')
import sys; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import *
base=sys.argv[1].rstrip('/')+'/'  # .../usr/share/mysql/mysql-test of `apt-get download mariadb-test-data`
files=sys.argv[2:]
total=0
for f in files:
    path, _, lim = f.partition('@')
    lim=int(lim or 200)
    text=open(base+path, encoding='utf-8', errors='replace').read()
    cases=extract(text, path, '', True, lim)
    stem=path.replace('/t/','/').replace('/','-').replace('.test','')
    hdr=['-- Cases extracted from MariaDB\'s server test suite, %s, as shipped in Debian\'s mariadb-test-data' % path,
         '-- 1:10.11.18-0+deb12u1 (= MariaDB/server tag mariadb-10.11.18). Each CREATE TABLE with the DDL the test runs on',
         '-- that table next (statements the test expects to fail, and those using test variables, left out).', '']
    body=render(cases, path, 'MariaDB/server mariadb-10.11.18 mysql-test/'+path+':%d')
    n=sum(len(c['ddl']) for c in cases)
    total+=n
    print(path, len(cases), 'cases', n, 'ddl')
    if cases:
        open(os.path.join(OUT, 'mariadb-'+stem+'.sql'),'w').write('\n'.join(hdr+body))
print('total', total)
