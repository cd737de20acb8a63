import os, sys
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'ddl-corpus')
import subprocess, re, shlex
repo=sys.argv[1]  # a clone of github/gh-ost
commit=subprocess.check_output(['git','-C',repo,'rev-parse','HEAD'],text=True).strip()
def show(p):
    try: return subprocess.check_output(['git','-C',repo,'show','HEAD:'+p],text=True,stderr=subprocess.DEVNULL)
    except subprocess.CalledProcessError: return None
dirs=subprocess.check_output(['git','-C',repo,'ls-tree','--name-only','HEAD','localtests/'],text=True).split()
out=['-- Cases from gh-ost\'s local tests: each test\'s create.sql (its CREATE TABLE/INDEX statements; the rows,',
     '-- events and triggers left out) as setup, and its extra_args --alter value as `ALTER TABLE gh_ost_test <alter>`,',
     '-- the statement gh-ost applies to its ghost table.',
     '-- origin: github/gh-ost localtests/ @ '+commit, '']
n=0
for d in dirs:
    ea=show(d+'/extra_args'); cr=show(d+'/create.sql')
    if not ea or not cr: continue
    try: args=shlex.split(ea)
    except ValueError: continue
    alter=None
    for i,a in enumerate(args):
        if a.startswith('--alter='): alter=a[8:]
        elif a=='--alter' and i+1<len(args): alter=args[i+1]
    if not alter: continue
    # statements of create.sql before any delimiter
    body=cr.split('delimiter')[0]
    body='\n'.join(l for l in body.split('\n') if not l.strip().startswith('--'))
    stmts=[s.strip() for s in body.split(';') if s.strip()]
    setup=[s for s in stmts if re.match(r'(?is)^(create\s+(unique\s+)?(table|index)|drop\s+table)',s)]
    setup=[s for s in setup if not s.lower().startswith('drop')]
    if not any(re.search(r'(?i)primary\s+key',s) for s in setup if s.lower().startswith('create table')): continue
    name=d.split('/')[1]
    out.append('-- case: gh-ost/'+name)
    out.append('-- origin: github/gh-ost '+d+'/create.sql, '+d+'/extra_args @ '+commit[:12])
    for s in setup: out.append(s+';')
    out.append('-- ddl')
    out.append('alter table gh_ost_test '+alter+';')
    out.append('')
    n+=1
open(os.path.join(OUT, 'gh-ost-localtests.sql'),'w').write('\n'.join(out))
print(n)
