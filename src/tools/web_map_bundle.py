#!/usr/bin/env python3
"""Bundles the real CBS/PDOK boundaries of the folder given as argument into src/main/resources/maps/ (run from the repo root).

How they are made small: coordinates are snapped to a grid (0.001 degree for 2019, about 70 x 110 m, below a pixel at
the page's scales; 0.0001 for 2022 and the 2016 police units, which are generalised already) and repeated points are
dropped. Snapping is the same function for every ring, so a border two neighbours share stays shared (the server can
dissolve municipalities into basisteams, districts and provinces without slivers). Only the code and the name are kept.
The 2016 police units come as TopoJSON and are decoded to GeoJSON here, so the service reads one format.
"""
import json, sys

if len(sys.argv) != 2:
    sys.exit('usage: python3 src/tools/web_map_bundle.py REALDATA_DIR (the folder of the CBS/PDOK boundary files)')
SRC = sys.argv[1]
OUT = 'src/main/resources/maps'

def snap_ring(ring, digits):
    out = []
    for x, y in ring:
        p = [round(x, digits), round(y, digits)]
        if not out or out[-1] != p:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None

def snap(geom, digits):
    polys = geom['coordinates'] if geom['type'] == 'MultiPolygon' else [geom['coordinates']]
    res = []
    for poly in polys:
        rings = [snap_ring(r, digits) for r in poly]
        if rings[0] is None:
            continue
        res.append([r for r in rings if r is not None])
    return {'type': 'MultiPolygon', 'coordinates': res}

def write(name, features, source):
    doc = {'type': 'FeatureCollection', 'source': source, 'features': features}
    with open(OUT + '/' + name, 'w') as f:
        json.dump(doc, f, separators=(',', ':'))
    pts = sum(len(r) for ft in features for p in ft['geometry']['coordinates'] for r in p)
    print(name, len(features), 'features', pts, 'points')

g19 = json.load(open(SRC + '/maps_gemeenten_2019/gemeentegrenzen_simplified.geojson'))
write('gemeente-2019.geojson', [{'type': 'Feature', 'properties': {'code': 'GM%04d' % f['properties']['Code'], 'name': f['properties']['Gemeentena']},
                                 'geometry': snap(f['geometry'], 3)} for f in g19['features']],
      'CBS/PDOK gemeentegrenzen 2019 (vereenvoudigd), CC BY 4.0')

g22 = json.load(open(SRC + '/codelists_83648NED/83648NED_gemeente_2022_with_geometry.geojson'))
write('gemeente-2022.geojson', [{'type': 'Feature', 'properties': {'code': f['properties']['statcode'].strip(), 'name': f['properties']['statnaam']},
                                 'geometry': snap(f['geometry'], 4)} for f in g22['features']],
      'CBS/PDOK gemeentegrenzen 2022 (gegeneraliseerd), CC BY 4.0')

topo = json.load(open(SRC + '/maps_regionale_eenheid_2016/regionale_eenheid_2016.topojson'))
sx, sy = topo['transform']['scale']
tx, ty = topo['transform']['translate']
arcs = []
for arc in topo['arcs']:  # delta-encoded, quantised positions
    x = y = 0
    pts = []
    for dx, dy in arc:
        x += dx; y += dy
        pts.append([x * sx + tx, y * sy + ty])
    arcs.append(pts)

def ring(indexes):
    pts = []
    for i in indexes:
        a = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(a if not pts else a[1:])
    return pts

units = []
for g in topo['objects']['regionale_eenheid_2016']['geometries']:
    polys = g['arcs'] if g['type'] == 'MultiPolygon' else [g['arcs']]
    geom = {'type': 'MultiPolygon', 'coordinates': [[ring(r) for r in p] for p in polys]}
    units.append({'type': 'Feature', 'properties': {'code': g['properties']['statcode'], 'name': g['properties']['statnaam']},
                  'geometry': snap(geom, 4)})
write('eenheid-2016.geojson', units, 'CBS/PDOK regionale eenheden politie 2016 (gegeneraliseerd), CC BY 4.0')
