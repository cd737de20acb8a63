"""Extracts corpus cases from mysqltest files and SQL scripts: each CREATE TABLE with the DDL that follows on the
same table (until it is dropped or renamed away) is one case; rows inserted before the first DDL are kept in setup."""
import re, sys

CMDS = re.compile(r'^(let|eval|while|if|dec|inc|echo|source|connect|connection|disconnect|send|reap|sleep|real_sleep|'
    r'replace_\w+|disable_\w+|enable_\w+|error|die|exit|perl|end|vertical_results|horizontal_results|query_vertical|'
    r'sorted_result|remove_file|write_file|append_file|cat_file|copy_file|move_file|file_exists|mkdir|rmdir|'
    r'list_files\w*|exec|system|shutdown_server|change_user|result_format|skip|lowercase_result|character_set|ping|'
    r'query_get_value|save_master_pos|sync_slave_with_master|sync_with_master|wait_for_\w+|start_timer|end_timer|'
    r'send_eval|let|assert|partially_sorted_result|query_attributes|dirty_close|replace_regex|replace_result|'
    r'replace_column|expr|output|begin_concurrent|sync_\w+)\b', re.I)

def statements(text, mysqltest):
    delim = ';'
    buf = []; err = False; start = 0; in_perl = False
    for no, line in enumerate(text.split('\n'), 1):
        t = line.strip()
        if in_perl:
            if t.upper().startswith('EOF'): in_perl = False
            continue
        if not buf:
            if t == '' or t.startswith('#') or t in ('{', '}', '};'):
                continue
            if t.startswith('--'):
                cmd = t[2:].strip()
                if re.match(r'error\b', cmd, re.I): err = True
                m = re.match(r'delimiter\s+(\S+)', cmd, re.I)
                if m: delim = m.group(1)
                if re.match(r'(perl|write_file|append_file)\b', cmd, re.I): in_perl = True
                continue
            m = re.match(r'delimiter\s+(\S+?)\s*' + re.escape(delim) + r'?\s*$', t, re.I)
            if m:
                delim = m.group(1); continue
            if mysqltest and CMDS.match(t):
                if re.match(r'(perl|write_file|append_file)\b', t, re.I): in_perl = True; continue
                if re.match(r'error\b', t, re.I): err = True
                if t.rstrip().endswith(delim) or t.endswith('{') or t.endswith('}'):
                    continue
                buf = ['#skip']; start = no; continue
            start = no
        buf.append(line)
        if delim == ';' and re.search(r';\s*#[^\'"`]*$', t):
            t = t[:t.rindex('#')].rstrip(); buf[-1] = line[:line.rindex('#')].rstrip()
        if t.endswith(delim):
            s = '\n'.join(buf).strip()
            s = s[:len(s) - len(delim)].strip()
            if not s.startswith('#skip'):
                yield start, s, err
            buf = []; err = False

NAME = r'(`[^`]+`|[A-Za-z_$][\w$]*)'
def uq(n): return n.strip('`').lower()

def split_cols(create):
    i = create.find('(')
    if i < 0: return None
    depth = 0; q = None
    for j in range(i, len(create)):
        c = create[j]
        if q:
            if c == q: q = None
            continue
        if c in "'\"`": q = c; continue
        if c == '(': depth += 1
        elif c == ')':
            depth -= 1
            if depth == 0: return i, j
    return None

FUNCS = {'year', 'to_days', 'month', 'day', 'unix_timestamp', 'columns', 'abs', 'floor', 'ceiling', 'mod',
    'to_seconds', 'datediff', 'weekday', 'dayofyear', 'hour', 'minute', 'second', 'microsecond', 'quarter',
    'extract', 'from', 'linear', 'ascii', 'ord'}
def partition_columns(options):
    """The columns a PARTITION BY expression uses: a primary key must include them."""
    m = re.search(r'(?is)partition\s+by\s+(linear\s+)?(hash|key|range|list)\s*(columns)?\s*(\((?:[^()]|\([^()]*\))*\))', options)
    if not m: return []
    names = re.findall(r'`[^`]+`|[A-Za-z_]\w*', m.group(4))
    out = []
    for n in names:
        if n.lower() not in FUNCS and n not in out and not re.match(r'(?i)^(day_|year_|hour_|minute_)', n): out.append(n)
    return out

def has_pk(s): return re.search(r'(?i)\bprimary\s+key\b', s) is not None

def extract(text, label, origin, mysqltest=True, limit=200, adapt=True):
    cases = []; open_ = {}
    def close(name):
        c = open_.pop(name, None)
        if c and c['ddl']: cases.append(c)
    for line, s, err in statements(text, mysqltest):
        if err or '$' in s or re.search(r'(?i)\b(mysqltest\d*|test)\s*\.\s*[`\w]', s) or len(s) > 3000:
            continue
        low = ' '.join(s.split()).lower()
        m = re.match(r'(?is)create\s+(or\s+replace\s+)?table\s+(if\s+not\s+exists\s+)?' + NAME + r'\s*(.*)', s)
        if m and not re.match(r'(?i)create\s+temporary', s):
            name = uq(m.group(3)); rest = m.group(4)
            if m.group(1) and name in open_:
                open_[name]['ddl'].append((line, s)); continue
            close(name)
            if not rest.startswith('(') or re.search(r'(?i)\bselect\b', rest) and not rest.startswith('('):
                continue
            if re.match(r'(?is)\(\s*like\b', rest): continue
            open_[name] = {'name': name, 'line': line, 'setup': [s], 'ddl': [], 'orig': None}
            continue
        m = re.match(r'(?is)alter\s+(online\s+)?(ignore\s+)?table\s+(if\s+exists\s+)?' + NAME + r'\b(.*)', s)
        if m:
            name = uq(m.group(4))
            if name in open_:
                open_[name]['ddl'].append((line, s))
                if re.search(r'(?is)(^|,)\s*rename\s+(to\s+|as\s+)?(?!column|index|key)' + NAME, m.group(5)):
                    close(name)
            continue
        m = re.match(r'(?is)(create\s+(unique\s+|fulltext\s+|spatial\s+)?index|drop\s+index)\s+' + NAME + r'\s+on\s+' + NAME, s)
        if m:
            name = uq(m.group(4))
            if name in open_: open_[name]['ddl'].append((line, s))
            continue
        m = re.match(r'(?is)rename\s+tables?\s+' + NAME + r'\s+to\s+' + NAME, s)
        if m:
            name = uq(m.group(1))
            if name in open_ and ',' not in s:
                open_[name]['ddl'].append((line, s)); close(name)
            continue
        m = re.match(r'(?is)truncate\s+(table\s+)?' + NAME + r'\s*$', s)
        if m:
            name = uq(m.group(2))
            if name in open_: open_[name]['ddl'].append((line, s))
            continue
        m = re.match(r'(?is)insert\s+(ignore\s+)?into\s+' + NAME + r'\b', s)
        if m:
            name = uq(m.group(2))
            if name in open_ and not open_[name]['ddl'] and not re.search(r'(?i)\bselect\b', s):
                open_[name]['setup'].append(s)
            continue
        m = re.match(r'(?is)drop\s+table\s+(if\s+exists\s+)?(.*)', s)
        if m:
            for n in re.split(r'\s*,\s*', m.group(2)):
                close(uq(n.strip()))
            continue
    for n in list(open_): close(n)
    out = []
    for c in sorted(cases, key=lambda c: c['line']):
        create = c['setup'][0]
        if not has_pk(create):
            ddltext = ' '.join(d for _, d in c['ddl'])
            if not adapt or re.search(r'(?i)auto_increment|primary\s+key', create + ddltext) or re.search(r'(?i)engine\s*=\s*(csv|merge|mrg_myisam|sequence|archive|blackhole)', create):
                continue
            span = split_cols(create)
            if not span: continue
            i, j = span
            c['orig'] = create
            key = ['_corpus_pk'] + partition_columns(create[j:])
            c['setup'][0] = (create[:j] + ', _corpus_pk INT NOT NULL AUTO_INCREMENT INVISIBLE, PRIMARY KEY ('
                + ', '.join(key) + ')' + create[j:])
        out.append(c)
        if len(out) >= limit: break
    return out

def render(cases, label, origin_fmt):
    lines = []
    for c in cases:
        lines.append('-- case: %s:%d %s' % (label, c['line'], c['name']))
        lines.append('-- origin: ' + origin_fmt % c['line'])
        if c['orig']:
            lines.append('-- adapted: an invisible primary key column _corpus_pk added (only tables with a primary key are captured); original:')
            for l in c['orig'].split('\n'): lines.append('--   ' + l)
        for s in c['setup']: lines.append(s + ';')
        lines.append('-- ddl')
        for _, s in c['ddl']: lines.append(s + ';')
        lines.append('')
    return lines

if __name__ == '__main__':
    pass
