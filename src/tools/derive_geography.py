#!/usr/bin/env python3
"""Derives the bundled national geography (warehouse/sources/reference/geography_*.csv) from real CBS files.

Run from the repository root with the folder of the real CBS files as argument:
    python3 src/tools/derive_geography.py REALDATA_DIR
Inputs (all real CBS publications, see docs/geography.md):
  - warehouse/sources/cbs/03759ned/codes-RegioS.json: CBS's code list of every municipality since 1830 with
    begin date, "Opgeheven per", "Naamswijziging per", "Provinciale wijziging per" and the province group;
  - <realdata>/geography_83287NED_2016/83287NED.json: police unit (RE01-RE10) and province of the 390
    municipalities of 1 January 2016;
  - <realdata>/geography_merges_to_2017/gm_changes_before_2018.csv: reorganisations to 2017 (cross-check);
  - <realdata>/geography_84721NED_2020 and geography_84378NED_2019: municipalities of 2020 / 2019 (cross-check).
The script stops with an error when the sources disagree or a unit cannot be carried over a reorganisation.
"""
import csv, json, re, sys, datetime, collections, os

FIRST, LAST = 2013, 2026
# municipalities that merged away in 2010-2012 are listed too: 83648NED (2013-2017) still names them (empty rows)
LISTED_FROM = 2010
if len(sys.argv) != 2:
    sys.exit('usage: python3 src/tools/derive_geography.py REALDATA_DIR (the folder of the real CBS files)')
realdata = sys.argv[1]
out_dir = 'warehouse/sources/reference'
codes = json.load(open('warehouse/sources/cbs/03759ned/codes-RegioS.json', encoding='utf-8'))['value']

def date(s):
    d, m, y = map(int, s.split('-'))
    return datetime.date(y, m, d)

def first_year(d):
    """First year whose 1 January lies on or after date d (the municipal division of 1 January)."""
    return d.year if (d.month, d.day) == (1, 1) else d.year + 1

# the province (GMPVxx group) CBS files each municipality under: its province while it existed, except
# Leerdam and Zederik, which moved to Utrecht on 01-01-2019, the day they merged into Vijfheerenlanden
gm = {}
for x in codes:
    code, grp = x['Identifier'], x['DimensionGroupId']
    if not re.fullmatch(r'GM\d{4}', code) or not grp.startswith('GMPV'):
        continue
    desc = (x['Description'] or '').replace('\r\n', '\n')
    m = re.search(r'^(?:Begindatum|Ontstaan per) (\d\d-\d\d-\d{4}|voor 1830)', desc, re.M)
    if m is None:
        sys.exit(f'{code}: no begin date in the code list')
    begin = datetime.date(1830, 1, 1) if m.group(1) == 'voor 1830' else date(m.group(1))
    end, kind, targets = None, None, []
    m = re.search(r'^Opgeheven per (\d\d-\d\d-\d{4}), overgegaan naar:\n((?:- .*\n\.\.\. .*\n?)+)', desc, re.M)
    if m:
        end = date(m.group(1))
        targets = [(t, int(n.replace('.', '')) if n else None) for t, n in
                   re.findall(r'- .*?\((GM\d{4})\),?\n\.\.\. .*?(?:(\d+) inwoners)?\s*$', m.group(2), re.M)]
        kind = 'samenvoeging' if len(targets) == 1 else 'opsplitsing'
    m = re.search(r'^Naamswijziging per (\d\d-\d\d-\d{4}),\nnieuwe naam: .*\((GM\d{4})\)', desc, re.M)
    if m:
        end, kind, targets = date(m.group(1)), 'naamswijziging', [(m.group(2), None)]
    vf = first_year(begin)
    vt = first_year(end) - 1 if end else 9999
    if vt < LISTED_FROM or vf > LAST:
        continue
    name = re.sub(r'\s*\(gemeente\)$', '', x['Title'])
    gm[code] = dict(code=code, name=name, title=x['Title'], pv='PV' + grp[4:], vf=vf, vt=vt, end=end, kind=kind, targets=targets)

def exists(c, y):
    return gm[c]['vf'] <= y <= gm[c]['vt']

counts = {y: sum(exists(c, y) for c in gm) for y in range(FIRST, LAST + 1)}
print('municipalities per year (1 January):', counts, file=sys.stderr)

# successor links
succ = []
for c, g in sorted(gm.items()):
    if g['end'] is None:
        continue
    for t, inw in g['targets']:
        if t not in gm:
            sys.exit(f'{c}: successor {t} not among the municipalities of {FIRST}-{LAST}')
        src = f"CBS 03759ned RegioS: {'Naamswijziging' if g['kind'] == 'naamswijziging' else 'Opgeheven'} per {g['end'].strftime('%d-%m-%Y')}"
        succ.append((c, t, first_year(g['end']), g['kind'], inw, src))

# cross-check with the reorganisations file to 2017 (codes and years of every link from 2013 on)
old = set()
with open(os.path.join(realdata, 'geography_merges_to_2017/gm_changes_before_2018.csv'), encoding='latin-1') as f:
    for r in csv.DictReader(f, delimiter=';'):
        d = date(r['Bestaan tot'])
        if r['Oude'] != r['Nieuwe'] and first_year(d) > FIRST:
            old.add((r['Oude'], r['Nieuwe'], first_year(d)))
ours = {(a, b, y) for a, b, y, *_ in succ if y <= 2017}
missing = old - ours
if missing:
    sys.exit(f'links in gm_changes_before_2018.csv not derived: {sorted(missing)}')

# police unit of 1 January 2016 (83287NED), carried backwards to predecessors and forwards to successors
g16 = json.load(open(os.path.join(realdata, 'geography_83287NED_2016/83287NED.json')))
unit16 = dict(zip(g16['reg'], g16['Politie Regionale eenheden']))
prov16 = dict(zip(g16['reg'], g16['Provincies']))
land16 = dict(zip(g16['reg'], g16['Landsdelen']))
assert set(unit16) == {c for c in gm if exists(c, 2016)}, 'the 2016 list of 83287NED differs from the code list'
for c, p in prov16.items():
    assert gm[c]['pv'] == p, f'{c}: province {gm[c]["pv"]} in the code list, {p} in 83287NED'
pv_ld = {}
for c, p in prov16.items():
    assert pv_ld.setdefault(p, land16[c]) == land16[c]
unit = dict(unit16)
unit_source = {c: '83287NED 2016' for c in unit16}
# predecessors (before 2016): the unit of the municipalities they went into
changed = True
while changed:
    changed = False
    for a, b, y, kind, inw, src in succ:
        if a not in unit and b in unit:
            units = {unit[t] for t, _ in gm[a]['targets'] if t in unit}
            if len(units) == 1:
                unit[a] = units.pop()
                unit_source[a] = f'83287NED 2016 via successor {b}'
                changed = True
# successors (after 2016): the unit of their predecessors, when they all agree
preds = collections.defaultdict(list)
for a, b, y, kind, inw, src in succ:
    preds[b].append(a)
# units of merged municipalities whose predecessors were in different units: decided by 47013NED (see docs)
UNIT_DECIDED = {
    # Vijfheerenlanden (2019): Vianen was in Midden-Nederland, Leerdam and Zederik in Rotterdam; the 47013NED unit
    # totals of 2022 and 2023 only add up with Vijfheerenlanden in Midden-Nederland (RE03)
    'GM1961': ('RE03', '47013NED unit totals 2022-2023 (Vianen RE03, Leerdam and Zederik RE07 in 2016)'),
}
for c in sorted(gm, key=lambda c: gm[c]['vf']):
    if c in unit or gm[c]['vt'] < FIRST:
        continue
    units = {unit.get(p) for p in preds[c]}
    if c in UNIT_DECIDED:
        unit[c], unit_source[c] = UNIT_DECIDED[c]
    elif len(units) == 1 and None not in units:
        unit[c] = units.pop()
        unit_source[c] = '83287NED 2016 via predecessors ' + ' '.join(sorted(preds[c]))
    else:
        sys.exit(f'{c} {gm[c]["name"]}: predecessors {preds[c]} in units {units}')
missing = [c for c in gm if c not in unit and gm[c]['vt'] >= FIRST]
if missing:
    sys.exit(f'no police unit for {missing}')

# cross-checks with 84378NED 2019 and 84721NED 2020
with open(os.path.join(realdata, 'geography_84721NED_2020/Gebieden_in_Nederland_2020_07122020_202646.csv'), encoding='utf-8') as f:
    rows = [r for r in csv.DictReader(f, delimiter=';') if r.get('municipalityCode')]
    assert {r['municipalityCode'] for r in rows} == {c for c in gm if exists(c, 2020)}, '84721NED 2020 differs'
    for r in rows:
        assert gm[r['municipalityCode']]['pv'] == r['provinceCode'], r
with open(os.path.join(realdata, 'geography_84378NED_2019/Gebieden_in_Nederland_2019.csv'), encoding='cp1252') as f:
    rows = [r for r in csv.DictReader(f, delimiter=';') if r.get('Code', '').startswith('GM')]
    assert {r['Code'] for r in rows} == {c for c in gm if exists(c, 2019)}, '84378NED 2019 differs'

# labels of seed 002 (Twente) that are not CBS names: a typo the seed prints and former names
SEED_ALIASES = {'GM1742': ['Rijssen-Holtten', 'Rijssen'], 'GM1700': ['Vriezenveen']}

def y(v):
    return '' if v == 9999 else str(v)

with open(os.path.join(out_dir, 'geography_gemeenten.csv'), 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['region_code', 'region_name', 'region_level', 'valid_from', 'valid_to', 'aliases'])
    for c, g in sorted(gm.items()):
        aliases = [g['title']] if g['title'] != g['name'] else []
        # "Hengelo (O.)" is "Hengelo" in Twente's own documents; a bare name only where no other listed municipality has it
        bare = re.sub(r'\s*\((O|L|NH|Gld|Z|ZH)\.\)$', '', g['name'])
        if bare != g['name'] and sum(1 for o in gm.values() if re.sub(r'\s*\(.*\)$', '', o['name']) == bare) == 1:
            aliases.append(bare)
        aliases += SEED_ALIASES.get(c, [])
        w.writerow([c, g['name'], 'gemeente', g['vf'] if g['vf'] > 1830 else '', y(g['vt']), '|'.join(aliases)])

with open(os.path.join(out_dir, 'geography_memberships.csv'), 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['region_code', 'hierarchy', 'parent_code', 'valid_from', 'valid_to'])
    for c, g in sorted(gm.items()):
        pv = g['pv']
        if c in ('GM0545', 'GM0707'):
            pv = 'PV28'  # in Zuid-Holland until they merged (the move to Utrecht took effect the same day)
        w.writerow([c, 'bestuurlijk', pv, g['vf'] if g['vf'] > 1830 else '', y(g['vt'])])
    # Twente's municipalities hang under their basisteam in region_memberships.csv (seed 002): not twice
    with open(os.path.join(out_dir, 'region_memberships.csv'), encoding='utf-8') as seed:
        seeded = {r['region_code'] for r in csv.DictReader(seed) if r['hierarchy'] == 'politie'}
    for c, g in sorted(gm.items()):
        if c in seeded:
            assert unit[c] == 'RE02', c
            continue
        if g['vt'] < FIRST:
            continue  # police units exist since 2013
        w.writerow([c, 'politie', unit[c], max(g['vf'], FIRST), y(g['vt'])])

with open(os.path.join(out_dir, 'geography_successors.csv'), 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['region_code', 'successor_code', 'from_year', 'change_kind', 'inwoners_moved', 'source'])
    for a, b, yr, kind, inw, src in sorted(succ, key=lambda s: (s[2], s[1], s[0])):
        w.writerow([a, b, yr, kind, '' if inw is None else inw, src])

print(f'{len(gm)} municipalities, {len(succ)} successor links, landsdelen {sorted(pv_ld.items())}', file=sys.stderr)
print('units carried:', collections.Counter(v.split(' via')[0] for v in unit_source.values()), file=sys.stderr)
