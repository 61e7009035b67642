/* IVZ Veiligheidscijfers: the analysts' page. Plain browser JavaScript, no build step, no libraries:
   it talks to the query service's public API only (/api/cubes, /api/query, /api/schema, /api/health). */
'use strict';

// ------------------------------------------------------------------ small DOM helpers
const $ = (id) => document.getElementById(id);
const SVGNS = 'http://www.w3.org/2000/svg';

function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  setAttrs(e, attrs);
  append(e, children);
  return e;
}

function s(tag, attrs, ...children) {
  const e = document.createElementNS(SVGNS, tag);
  setAttrs(e, attrs);
  append(e, children);
  return e;
}

function setAttrs(e, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.setAttribute('class', v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(e, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    e.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); return e; }

// ------------------------------------------------------------------ number and date formats (Dutch)
const NF = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
const NF1 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const NF2 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function num(v, f) {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v !== 'number') return String(v);
  return (f || NF).format(v);
}

function dateTime(iso) {
  if (!iso) return '';
  const d = new Date(String(iso).replace(' ', 'T'));
  if (isNaN(d)) return String(iso);
  return d.toLocaleString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

// ------------------------------------------------------------------ API access (bearer token, RFC 7807 errors)
const TOKEN_KEY = 'ivz.token';
const token = () => sessionStorage.getItem(TOKEN_KEY) || '';

function authHeaders(extra) {
  const hd = Object.assign({}, extra || {});
  if (token()) hd.Authorization = 'Bearer ' + token();
  return hd;
}

/** An error answer of the service: problem+json title and detail as the service sent them. */
class Problem extends Error {
  constructor(problem, status) {
    super((problem.title || ('HTTP ' + status)) + (problem.detail ? ': ' + problem.detail : ''));
    this.problem = problem;
    this.status = status;
  }
}

async function request(url, opts) {
  const o = Object.assign({}, opts || {});
  o.headers = authHeaders(o.headers);
  let res;
  try {
    res = await fetch(url, o);
  } catch (e) {
    throw new Problem({ title: 'Geen verbinding met de service', detail: e.message }, 0);
  }
  if (!res.ok) {
    let p;
    const text = await res.text();
    try { p = JSON.parse(text); } catch (e) { p = { title: 'HTTP ' + res.status + ' ' + res.statusText, detail: text.slice(0, 300) }; }
    throw new Problem(p, res.status);
  }
  return res;
}

const getJson = async (url) => (await request(url)).json();

/** An ad-hoc query: the console's, the only place the page sends SQL. */
async function sql(text, params) {
  const res = await request('/api/query', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(params ? { sql: text, params } : { sql: text }),
  });
  return res.json();
}

/** Rows of a JSON result as objects keyed by column name. */
function records(result) {
  const names = result.columns.map((c) => c.name);
  return result.rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
}

function cubeUrl(name, params, format) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  if (format) q.set('format', format);
  const qs = q.toString();
  return '/api/cubes/' + encodeURIComponent(name) + (qs ? '?' + qs : '');
}

// ------------------------------------------------------------------ state in the URL (a link reproduces the view)
function readHash() {
  const p = new URLSearchParams(location.hash.replace(/^#/, ''));
  return Object.fromEntries(p.entries());
}

function writeHash(state) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) if (v !== undefined && v !== null && v !== '') p.set(k, v);
  const hash = '#' + p.toString();
  if (location.hash !== hash) history.pushState(null, '', hash);
  routedHash = location.hash;
}

function permalink() { return location.href; }

// ------------------------------------------------------------------ status line
function status(msg, kind) {
  const st = $('status');
  clear(st);
  if (!msg) { st.className = ''; return; }
  st.className = kind || 'info';
  st.append(msg);
}

function problemBox(err) {
  const p = err.problem || { title: 'Fout', detail: err.message };
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', { class: 'problem-title' }, p.title || 'Fout'),
    p.status ? h('span', { class: 'problem-status' }, ' (' + p.status + ')') : null,
    p.detail ? h('pre', { class: 'problem-detail' }, p.detail) : null,
    p.type ? h('div', { class: 'problem-type' }, p.type) : null);
}

// ------------------------------------------------------------------ downloads (fetch with the token, save via blob)
const FORMATS = [
  { format: 'xlsx', label: 'Excel (xlsx)', ext: 'xlsx' },
  { format: 'csv', label: 'CSV', ext: 'csv' },
  { format: 'csv-nl', label: 'CSV (Excel NL)', ext: 'csv' },
  { format: 'parquet', label: 'Parquet', ext: 'parquet' },
];

async function download(spec, f) {
  const name = spec.name + (f.format === 'csv-nl' ? '-nl' : '') + '.' + f.ext;
  status('Bezig met downloaden van ' + name + ' ...');
  try {
    const res = spec.body
      ? await request(spec.url + (spec.url.includes('?') ? '&' : '?') + 'format=' + f.format, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(spec.body) })
      : await request(spec.url(f.format));
    const blob = await res.blob();
    const a = h('a', { href: URL.createObjectURL(blob), download: name, class: 'hidden-link' });
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 2000);
    status(name + ' gedownload (' + num(blob.size) + ' bytes).', 'ok');
  } catch (e) {
    status(problemBox(e), 'error');
  }
}

/** Download buttons, the reproducing link and the data source under a result. */
function toolbar(spec, sourceTables) {
  const bar = h('div', { class: 'toolbar' },
    h('span', { class: 'toolbar-label' }, 'Download:'),
    FORMATS.map((f) => h('button', { type: 'button', class: 'download', 'data-format': f.format,
      title: 'Download als ' + f.label, onclick: () => download(spec, f) }, f.label)),
    h('a', { class: 'permalink', href: permalink() }, 'Link naar deze weergave'),
    spec.api ? h('a', { class: 'apilink', href: spec.api, title: 'Dezelfde gegevens als JSON uit de API' }, 'API') : null);
  const src = h('p', { class: 'sources' });
  if (sourceTables && sourceTables.length) describeSources(sourceTables).then((t) => src.append(t));
  return h('div', { class: 'tools' }, bar, src);
}

// ------------------------------------------------------------------ data source and load date
let health = null;

async function loadHealth() {
  try {
    const r = await fetch('/api/health');
    health = await r.json();
  } catch (e) {
    health = null;
  }
  const f = clear($('source'));
  if (!health) { f.append('Service niet bereikbaar.'); return; }
  const wh = (health.warehouse || '').split(/[\\/]/).pop();
  f.append('Warehouse ', h('code', {}, wh), ' (schema v' + (health.schemaVersion || '?') + ', service ' + (health.version || '?') + ')');
  if (health.lastLoad) {
    f.append(' · laatst geladen: ', h('code', {}, (health.lastLoad.file || '').split(/[\\/]/).pop()),
      ' op ' + dateTime(health.lastLoad.finishedAt || health.lastLoad.startedAt));
  } else {
    f.append(' · nog niets geladen');
  }
}

const SOURCE_TABLES = {
  registration: ['fct_registration', 'fct_population', 'fct_published_figure'],
  target: ['fct_policy_target'],
  plans: ['fct_plan_priority', 'dim_plan'],
  survey: ['fct_survey', 'fct_survey_response'],
  dark: ['fct_survey_reading', 'fct_survey'],
};

/** "Bron: ... (geladen op ...)" for the load batches the view's fact tables hold (GET /api/sources). */
async function describeSources(tables) {
  try {
    const r = await getJson('/api/sources?tables=' + encodeURIComponent(tables.join(',')));
    if (!r.length) return 'Bron: (geen gegevens geladen)';
    const latest = r.map((x) => x.loadedAt).filter(Boolean).sort().pop();
    return 'Bron: ' + r.map((x) => x.source + (x.release ? ' (' + x.release + ')' : '')).join('; ')
      + (latest ? ' · geladen op ' + dateTime(latest) : '');
  } catch (e) {
    return 'Bron: onbekend (' + e.message + ')';
  }
}

// ------------------------------------------------------------------ reference lists for the pickers
const ref = { regions: new Map(), children: new Map(), themes: [], themeByCode: new Map(), cubes: new Map(), measures: [],
  years: {}, loaded: false };

/** The levels of areas from the top down and their Dutch plurals, as GET /api/levels gives them. */
let LEVELS = [];
const LEVEL_LABEL = {};

/** The reference lists the pickers show, from the catalog endpoints (the page sends SQL only from its console). */
async function loadReference() {
  if (ref.loaded) return;
  const [levels, areas, themes, measures, years, cubes] = await Promise.all([
    getJson('/api/levels'), getJson('/api/areas'), getJson('/api/themes'), getJson('/api/measures'), getJson('/api/years'),
    getJson('/api/cubes'),
  ]);
  LEVELS = levels.map((l) => l.level);
  for (const l of levels) LEVEL_LABEL[l.level] = l.plural;
  for (const a of areas) {
    if (a.known) ref.regions.set(a.code, a);
    for (const p of a.parents) {
      if (!ref.children.has(p)) ref.children.set(p, []);
      ref.children.get(p).push(a.code);
    }
  }
  ref.themes = themes.map((t) => ({ theme_code: t.code, theme_name: t.name, field_number: t.fieldNumber, field_name: t.fieldName,
    registered: t.registered }));
  for (const t of ref.themes) ref.themeByCode.set(t.theme_code, t);
  ref.measures = measures;
  ref.years = years;
  for (const c of cubes) ref.cubes.set(c.name, c);
  ref.loaded = true;
}

/** Years of one kind (registrations, survey, ...) as picker options, newest first unless ascending. */
function yearOptions(kind, ascending) {
  const ys = (ref.years[kind] || []).slice();
  if (!ascending) ys.reverse();
  return ys.map((y) => ({ value: y, label: String(y) }));
}

function regionName(code) {
  const r = ref.regions.get(code);
  return r ? r.name : code;
}

function themeName(code) {
  const t = ref.themeByCode.get(code);
  return t ? t.theme_name : code;
}

/** All areas below a parent (any hierarchy), so "districts of the country" works as well as direct children. */
function descendants(code) {
  const out = new Set();
  const todo = [code];
  while (todo.length) {
    for (const c of ref.children.get(todo.pop()) || []) if (!out.has(c)) { out.add(c); todo.push(c); }
  }
  return [...out].filter((c) => ref.regions.has(c));
}

function levelsBelow(code) {
  const levels = new Set(descendants(code).map((c) => ref.regions.get(c).level));
  return LEVELS.filter((l) => levels.has(l)).concat([...levels].filter((l) => !LEVELS.includes(l)));
}

function parentsWithChildren() {
  return [...ref.children.keys()].filter((c) => ref.regions.has(c))
    .sort((a, b) => LEVELS.indexOf(ref.regions.get(a).level) - LEVELS.indexOf(ref.regions.get(b).level)
      || regionName(a).localeCompare(regionName(b), 'nl'));
}

/** The cube's own default for a parameter (from /api/cubes), so the page never invents one. */
function cubeDefault(cube, param) {
  const c = ref.cubes.get(cube);
  const p = c && c.params.find((x) => x.name === param);
  return p ? p.defaultValue : null;
}

function cubeTakes(cube, param) {
  const c = ref.cubes.get(cube);
  return !!(c && c.params.some((x) => x.name === param));
}

/** Only the parameters the cube declares go out (the service refuses unknown ones). */
function cubeParams(cube, values) {
  const out = {};
  for (const [k, v] of Object.entries(values)) if (cubeTakes(cube, k) && v !== undefined && v !== null && v !== '') out[k] = v;
  return out;
}

function fillSelect(sel, options, value) {
  clear(sel);
  for (const o of options) sel.append(h('option', { value: o.value }, o.label));
  if (value !== undefined && value !== null && options.some((o) => String(o.value) === String(value))) sel.value = String(value);
}

function fillChecklist(box, name, options, checked) {
  clear(box);
  const set = new Set(checked);
  let group = null;
  for (const o of options) {
    if (o.group !== undefined && o.group !== group) {
      group = o.group;
      box.append(h('div', { class: 'group' }, o.group));
    }
    const id = box.id + '-' + o.value.replace(/[^A-Za-z0-9_-]/g, '_');
    box.append(h('div', { class: 'check' },
      h('input', { type: 'checkbox', id, name, value: o.value, checked: set.has(o.value) }),
      h('label', { for: id }, o.label)));
  }
}

function checkedValues(box) {
  return [...box.querySelectorAll('input[type=checkbox]:checked')].map((i) => i.value);
}

function splitList(v) { return v ? String(v).split(',').map((x) => x.trim()).filter(Boolean) : []; }

/** Resolves the area a cube row is about: by code column, else by name. */
function pick(row, ...names) {
  for (const n of names) if (row[n] !== undefined) return row[n];
  return undefined;
}

// ------------------------------------------------------------------ charts (hand-written SVG)
const PALETTE = ['#1f5fa8', '#c8501e', '#2e8540', '#8a4fb0', '#b8860b', '#0f8b8d', '#a33b5c', '#5a6470', '#6b8e23', '#d2691e'];

/**
 * Horizontal bars for one theme: one bar per area, the parent's value as a dashed reference line, the chosen
 * area highlighted. rows: [{label, value, highlight, rank}], ref: {label, value} or null.
 */
function barChart(title, rows, refLine, unit) {
  const W = 380, labelW = 150, barH = 18, gap = 6, top = 26, bottom = 26;
  const H = top + rows.length * (barH + gap) + bottom;
  const max = Math.max(1e-9, ...rows.map((r) => r.value || 0), refLine && refLine.value ? refLine.value : 0) * 1.12;
  const x = (v) => labelW + (W - labelW - 50) * (v / max);
  const svg = s('svg', { class: 'chart bar-chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img',
    'aria-label': title + ': staafdiagram' });
  svg.append(s('title', {}, title));
  svg.append(s('text', { x: 0, y: 15, class: 'chart-title' }, title.length > 52 ? title.slice(0, 50) + '…' : title));
  rows.forEach((r, i) => {
    const y = top + i * (barH + gap);
    svg.append(s('text', { x: labelW - 6, y: y + barH * 0.72, 'text-anchor': 'end',
      class: 'bar-label' + (r.highlight ? ' highlight' : '') }, r.label));
    if (r.value !== null && r.value !== undefined) {
      svg.append(s('rect', { x: labelW, y, width: Math.max(1, x(r.value) - labelW), height: barH,
        class: 'bar' + (r.highlight ? ' highlight' : '') }, s('title', {}, r.label + ': ' + num(r.value) + (unit ? ' ' + unit : ''))));
      svg.append(s('text', { x: x(r.value) + 4, y: y + barH * 0.72, class: 'bar-value' },
        num(r.value, NF2) + (r.rank !== undefined && r.rank !== null ? ' (' + r.rank + ')' : '')));
    } else {
      svg.append(s('text', { x: labelW + 4, y: y + barH * 0.72, class: 'bar-value missing' }, 'geen gegevens'));
    }
  });
  if (refLine && refLine.value !== null && refLine.value !== undefined) {
    const rx = x(refLine.value);
    svg.append(s('line', { x1: rx, x2: rx, y1: top - 6, y2: H - bottom + 2, class: 'ref-line' }));
    svg.append(s('text', { x: rx, y: H - 8, 'text-anchor': 'middle', class: 'ref-label' },
      refLine.label + ' ' + num(refLine.value, NF2)));
  }
  return svg;
}

function niceTicks(min, max, n) {
  if (min === max) { min -= 1; max += 1; }
  const span = max - min;
  const step0 = Math.pow(10, Math.floor(Math.log10(span / n)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * step0).find((st) => span / st <= n) || step0 * 10;
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Math.round(v / step) * step);
  return ticks;
}

/**
 * Lines over the years. series: [{name, points: [{x: year, y}], dashed, cls}]. Years sit at their true distance, so a
 * gap (2013, 2015) shows as one: a series is not drawn across a year it lacks (a dotted bridge marks the gap) and the
 * missing years are named under the chart. Non-numeric x values (the SQL console) are spaced evenly in their order.
 */
function lineChart(title, series, unit) {
  const W = 900, H = 360, L = 64, R = 200, T = 30, B = 40;
  const numeric = series.every((se) => se.points.every((p) => typeof p.x === 'number'));
  const xs = [...new Set(series.flatMap((se) => se.points.map((p) => p.x)))];
  if (numeric) xs.sort((a, b) => a - b);
  const ys = series.flatMap((se) => se.points.map((p) => p.y)).filter((v) => v !== null && v !== undefined);
  const svg = s('svg', { class: 'chart line-chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img',
    'aria-label': title + ': lijndiagram' });
  svg.append(s('title', {}, title));
  svg.append(s('text', { x: L, y: 18, class: 'chart-title' }, title));
  if (!xs.length || !ys.length) {
    svg.append(s('text', { x: L, y: H / 2, class: 'missing' }, 'geen gegevens'));
    return svg;
  }
  const ticks = niceTicks(Math.min(0, ...ys), Math.max(...ys), 6);
  const y0 = ticks[0], y1 = ticks[ticks.length - 1];
  const years = numeric && xs.every(Number.isInteger);
  const span = numeric ? xs[xs.length - 1] - xs[0] : xs.length - 1;
  const x = (v) => (span === 0 ? L + (W - L - R) / 2
    : L + (W - L - R) * ((numeric ? v - xs[0] : xs.indexOf(v)) / span));
  const y = (v) => T + (H - T - B) * (1 - (v - y0) / (y1 - y0 || 1));
  for (const t of ticks) {
    svg.append(s('line', { x1: L, x2: W - R, y1: y(t), y2: y(t), class: 'grid' }));
    svg.append(s('text', { x: L - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'axis' }, num(t)));
  }
  const step = Math.max(1, Math.ceil(xs.length / 14));
  xs.forEach((v, k) => {
    if (k % step === 0) svg.append(s('text', { x: x(v), y: H - B + 18, 'text-anchor': 'middle', class: 'axis' }, String(v).slice(0, 14)));
  });
  const missing = [];
  if (years) for (let v = xs[0]; v <= xs[xs.length - 1]; v++) if (!xs.includes(v)) missing.push(v);
  if (missing.length) {
    svg.append(s('text', { x: L, y: H - 4, class: 'axis gap-note' }, 'Geen gegevens voor ' + missing.join(', ')));
  }
  if (unit) svg.append(s('text', { x: 12, y: T + (H - T - B) / 2, class: 'axis', transform: `rotate(-90 12 ${T + (H - T - B) / 2})`, 'text-anchor': 'middle' }, unit));
  series.forEach((se, i) => {
    const color = se.color || PALETTE[i % PALETTE.length];
    const pts = se.points.filter((p) => p.y !== null && p.y !== undefined && xs.includes(p.x));
    if (!pts.length) return;
    if (numeric) pts.sort((a, b) => a.x - b.x);
    // a line runs only between consecutive years; across a gap a thin dotted bridge
    const runs = [[pts[0]]];
    for (let k = 1; k < pts.length; k++) {
      if (years && pts[k].x - pts[k - 1].x > 1) {
        svg.append(s('line', { x1: x(pts[k - 1].x), y1: y(pts[k - 1].y), x2: x(pts[k].x), y2: y(pts[k].y), stroke: color,
          'stroke-width': 1, 'stroke-dasharray': '2 4', class: 'gap-bridge' }));
        runs.push([]);
      }
      runs[runs.length - 1].push(pts[k]);
    }
    for (const run of runs) {
      svg.append(s('polyline', { points: run.map((p) => x(p.x) + ',' + y(p.y)).join(' '), fill: 'none', stroke: color,
        'stroke-width': se.dashed ? 2 : 2.5, 'stroke-dasharray': se.dashed ? '6 4' : null, class: 'series ' + (se.cls || '') }));
    }
    for (const p of pts) {
      svg.append(s('circle', { cx: x(p.x), cy: y(p.y), r: se.dashed ? 3 : 4, fill: se.dashed ? '#fff' : color, stroke: color },
        s('title', {}, se.name + ' ' + p.x + ': ' + num(p.y))));
    }
    const ly = T + 8 + i * 20;
    svg.append(s('line', { x1: W - R + 14, x2: W - R + 38, y1: ly, y2: ly, stroke: color, 'stroke-width': 2.5,
      'stroke-dasharray': se.dashed ? '6 4' : null }));
    svg.append(s('text', { x: W - R + 44, y: ly + 4, class: 'legend' }, se.name));
  });
  return svg;
}

const VERDICT = {
  better: { label: 'beter', cls: 'better' },
  worse: { label: 'slechter', cls: 'worse' },
  higher: { label: 'hoger', cls: 'higher' },
  lower: { label: 'lager', cls: 'lower' },
  same: { label: 'niet verschillend', cls: 'same' },
  few: { label: 'te weinig respondenten', cls: 'few' },
};

/** Values with their 95% margins as error bars, against a reference value and its margin band. */
function errorBarChart(title, rows, refRow, unit) {
  const W = 880, labelW = 190, rowH = 30, top = 34, bottom = 40, right = 150;
  const H = top + rows.length * rowH + bottom;
  const all = rows.concat(refRow ? [refRow] : [], rows.map((r) => r.ref).filter(Boolean)).filter((r) => r.value !== null && r.value !== undefined);
  const lo = Math.min(...all.map((r) => r.value - (r.margin || 0)));
  const hi = Math.max(...all.map((r) => r.value + (r.margin || 0)));
  const ticks = niceTicks(Math.min(0, lo), hi, 6);
  const t0 = ticks[0], t1 = ticks[ticks.length - 1];
  const x = (v) => labelW + (W - labelW - right) * ((v - t0) / (t1 - t0 || 1));
  const svg = s('svg', { class: 'chart error-chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img',
    'aria-label': title + ': waarden met foutmarges' });
  svg.append(s('title', {}, title));
  svg.append(s('text', { x: 0, y: 16, class: 'chart-title' }, title));
  for (const t of ticks) {
    svg.append(s('line', { x1: x(t), x2: x(t), y1: top - 4, y2: H - bottom, class: 'grid' }));
    svg.append(s('text', { x: x(t), y: H - bottom + 16, 'text-anchor': 'middle', class: 'axis' }, num(t)));
  }
  if (unit) svg.append(s('text', { x: labelW + (W - labelW - right) / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis' }, unit));
  if (refRow && refRow.value !== null && refRow.value !== undefined) {
    const m = refRow.margin || 0;
    svg.append(s('rect', { x: x(refRow.value - m), y: top - 4, width: Math.max(1, x(refRow.value + m) - x(refRow.value - m)),
      height: H - bottom - top + 4, class: 'ref-band' }));
    svg.append(s('line', { x1: x(refRow.value), x2: x(refRow.value), y1: top - 4, y2: H - bottom, class: 'ref-line' }));
    svg.append(s('text', { x: x(refRow.value), y: top - 8, 'text-anchor': 'middle', class: 'ref-label' },
      refRow.label + ' ' + num(refRow.value, NF1)));
  }
  rows.forEach((r, i) => {
    const cy = top + i * rowH + rowH / 2;
    const v = VERDICT[r.verdict] || VERDICT.same;
    svg.append(s('text', { x: labelW - 8, y: cy + 4, 'text-anchor': 'end', class: 'bar-label' + (r.highlight ? ' highlight' : '') }, r.label));
    if (r.value === null || r.value === undefined) return;
    const m = r.margin || 0;
    const g = s('g', { class: 'errbar ' + v.cls });
    g.append(s('title', {}, r.label + ': ' + num(r.value, NF1) + ' ± ' + num(m, NF1) + ' (' + v.label + ')'));
    if (m) {
      g.append(s('line', { x1: x(r.value - m), x2: x(r.value + m), y1: cy, y2: cy, class: 'whisker' }));
      g.append(s('line', { x1: x(r.value - m), x2: x(r.value - m), y1: cy - 6, y2: cy + 6, class: 'whisker' }));
      g.append(s('line', { x1: x(r.value + m), x2: x(r.value + m), y1: cy - 6, y2: cy + 6, class: 'whisker' }));
    }
    if (r.ref && r.ref.value !== null && r.ref.value !== undefined) {
      svg.append(s('path', { d: `M${x(r.ref.value)},${cy - 6} l5,6 l-5,6 l-5,-6 z`, class: 'ref-marker' },
        s('title', {}, 'referentie ' + num(r.ref.value, NF1) + (r.ref.margin ? ' ± ' + num(r.ref.margin, NF1) : ''))));
    }
    g.append(s('circle', { cx: x(r.value), cy, r: 5, class: 'dot' }));
    svg.append(g);
    svg.append(s('text', { x: W - right + 10, y: cy + 4, class: 'verdict ' + v.cls }, v.label));
  });
  return svg;
}

/** Horizontal bars of counts with the threshold as a vertical line. */
function thresholdChart(title, rows, threshold, max) {
  const W = 780, labelW = 320, barH = 16, gap = 5, top = 28, bottom = 30;
  const H = top + rows.length * (barH + gap) + bottom;
  // Values beyond max (a big city's sample) are drawn to the edge; the label gives the number.
  const x = (v) => labelW + (W - labelW - 40) * (Math.min(v, max) / (max || 1));
  const svg = s('svg', { class: 'chart threshold-chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img',
    'aria-label': title + ': staafdiagram met drempel' });
  svg.append(s('title', {}, title));
  svg.append(s('text', { x: 0, y: 16, class: 'chart-title' }, title));
  rows.forEach((r, i) => {
    const y = top + i * (barH + gap);
    const pass = threshold && r.value >= threshold;
    svg.append(s('text', { x: labelW - 6, y: y + barH * 0.78, 'text-anchor': 'end', class: 'bar-label' + (pass ? ' highlight' : '') },
      r.label.length > 46 ? r.label.slice(0, 44) + '…' : r.label, s('title', {}, r.label)));
    svg.append(s('rect', { x: labelW, y, width: Math.max(1, x(r.value) - labelW), height: barH, class: 'bar' + (pass ? ' highlight' : '') },
      s('title', {}, r.label + ': ' + r.value)));
    svg.append(s('text', { x: x(r.value) + 4, y: y + barH * 0.78, class: 'bar-value' }, String(r.value)));
  });
  if (threshold) {
    const tx = x(threshold);
    svg.append(s('line', { x1: tx, x2: tx, y1: top - 6, y2: H - bottom + 4, class: 'ref-line threshold' }));
    svg.append(s('text', { x: tx, y: H - 10, 'text-anchor': 'middle', class: 'ref-label' }, 'drempel ' + threshold));
  }
  return svg;
}

// ------------------------------------------------------------------ tables
/** A plain result table: columns [{name, label, num, fmt, cls(row)}], rows as objects. */
function table(columns, rows, opts) {
  const o = opts || {};
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data' + (o.cls ? ' ' + o.cls : ''), id: o.id || null },
      o.caption ? h('caption', {}, o.caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null, title: c.title || null }, c.label || c.name)))),
      h('tbody', {}, rows.map((r) => h('tr', { class: o.rowClass ? o.rowClass(r) : null },
        columns.map((c, i) => {
          const v = c.value ? c.value(r) : r[c.name];
          const content = c.render ? c.render(r) : (c.num ? num(v, c.fmt) : (v === null || v === undefined ? '' : String(v)));
          return i === 0 && o.rowHeader ? h('th', { scope: 'row' }, content) : h('td', { class: (c.num ? 'num' : '') + (c.cls ? ' ' + c.cls(r) : '') }, content);
        }))))));
}

/** The raw JSON result (console): columns with their types, every value formatted. */
// No thousands separator in the console: years and codes stay readable (2014, not 2.014).
const NF6 = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 6, useGrouping: false });

function cellText(v, numeric) {
  if (v === null) return 'NULL';
  if (numeric && typeof v === 'number') return num(v, NF6);
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function resultTable(result) {
  const numeric = result.columns.map((c) => /INT|DOUBLE|DECIMAL|FLOAT|REAL|NUMERIC/i.test(c.type));
  const head = h('tr', {}, result.columns.map((c, i) => h('th', { scope: 'col', class: numeric[i] ? 'num' : null, title: c.type },
    c.name, h('span', { class: 'type' }, c.type))));
  const body = h('tbody', {}, result.rows.map((r) => h('tr', {}, r.map((v, i) =>
    h('td', { class: (numeric[i] ? 'num' : '') + (v === null ? ' null' : '') }, cellText(v, numeric[i]))))));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data result' }, h('thead', {}, head), body));
}

// ------------------------------------------------------------------ views
const views = {};
let currentView = null;

async function runView(out, work) {
  clear(out);
  out.append(h('p', { class: 'loading' }, 'Bezig met laden ...'));
  out.setAttribute('aria-busy', 'true');
  try {
    await work();
  } catch (e) {
    clear(out);
    out.append(problemBox(e));
  } finally {
    out.removeAttribute('aria-busy');
  }
}

// ---- Benchmark
views.benchmark = {
  async init(st) {
    const parents = parentsWithChildren();
    const parent = st.parent || cubeDefault('benchmark', 'area') || 'RE02';
    const parentCode = resolveRegion(parent);
    fillSelect($('b-parent'), parents.map((c) => ({ value: c, label: regionName(c) + ' (' + ref.regions.get(c).level + ')' })), parentCode);
    this.levels(st.level || cubeDefault('benchmark', 'level'));
    fillSelect($('b-year'), yearOptions('registrations'), st.year || cubeDefault('benchmark', 'year'));
    fillChecklist($('b-themes'), 'themes', ref.themes.filter((t) => t.registered)
      .map((t) => ({ value: t.theme_code, label: t.theme_name, group: t.field_name })), splitList(st.themes));
    this.areas(st.area);
  },
  levels(level) {
    const ls = levelsBelow($('b-parent').value);
    fillSelect($('b-level'), ls.map((l) => ({ value: l, label: LEVEL_LABEL[l] || l })), level || ls[0]);
  },
  areas(area) {
    const kids = descendants($('b-parent').value).filter((c) => ref.regions.get(c).level === $('b-level').value)
      .sort((a, b) => regionName(a).localeCompare(regionName(b), 'nl'));
    fillSelect($('b-area'), [{ value: '', label: '(geen)' }].concat(kids.map((c) => ({ value: c, label: regionName(c) }))), resolveRegion(area) || '');
  },
  wire() {
    $('b-parent').addEventListener('change', () => { this.levels(); this.areas(); });
    $('b-level').addEventListener('change', () => this.areas());
  },
  state() {
    return { parent: $('b-parent').value, level: $('b-level').value, year: $('b-year').value,
      themes: checkedValues($('b-themes')).join(','), area: $('b-area').value };
  },
  async show(st) {
    const params = cubeParams('benchmark', { area: st.parent, level: st.level, year: st.year, themes: st.themes });
    const result = await getJson(cubeUrl('benchmark', params));
    renderBenchmark($('out-benchmark'), result, st, params);
  },
};

function resolveRegion(v) {
  if (!v) return v;
  if (ref.regions.has(v)) return v;
  const low = String(v).toLowerCase();
  for (const r of ref.regions.values()) if (r.name.toLowerCase() === low) return r.code;
  return v;
}

/** A cube answer over an incomplete set of areas says so (coverage_note of the rows), above the table. */
function coverageNotice(rows) {
  const notes = [...new Set(rows.filter((r) => r.coverage_complete === false && r.coverage_note).map((r) => r.coverage_note))];
  if (!notes.length) return null;
  return h('div', { class: 'coverage-warning', role: 'alert', id: 'coverage-warning' },
    h('strong', {}, 'Let op, onvolledig: '), notes.slice(0, 5).join('; ') + (notes.length > 5 ? ' (en ' + (notes.length - 5) + ' meer)' : ''));
}

function renderBenchmark(out, result, st, params) {
  clear(out);
  const rows = records(result);
  const cube = ref.cubes.get('benchmark');
  const unitOf = (name) => { const c = cube && cube.columns.find((x) => x.name === name); return c ? c.unit : ''; };
  // One row per area and theme; the parent's own rows carry its value.
  const areaCode = (r) => r.area_code;
  const areaName = (r) => r.area_name || regionName(areaCode(r));
  const themeCode = (r) => pick(r, 'theme_code', 'theme');
  const thName = (r) => pick(r, 'theme_name') || themeName(themeCode(r));
  const themes = [];
  const areas = [];
  const byKey = new Map();
  for (const r of rows) {
    const a = areaCode(r), t = themeCode(r);
    if (!themes.some((x) => x.code === t)) themes.push({ code: t, name: thName(r) });
    if (!areas.some((x) => x.code === a)) areas.push({ code: a, name: areaName(r), r });
    byKey.set(a + '|' + t, r);
  }
  if (!rows.length) { out.append(h('p', {}, 'Geen gegevens voor deze keuze.')); return; }
  const notice = coverageNotice(rows);
  if (notice) out.append(notice);
  const first = rows[0];
  const val = (r) => pick(r, 'value', 'rate');
  const rank = (r) => pick(r, 'rank', 'theme_rank');
  const pubRank = (r) => pick(r, 'published_rank');
  const total = (r) => pick(r, 'total_score');
  const pubTotal = (r) => pick(r, 'published_total_score', 'published_total');
  const position = (r) => pick(r, 'position', 'overall_position');
  const parentValue = (r) => pick(r, 'parent_value');
  const pubValue = (r) => pick(r, 'published_value', 'published_rate');
  const areasSorted = areas.slice().sort((a, b) => (total(a.r) ?? 1e9) - (total(b.r) ?? 1e9) || a.name.localeCompare(b.name, 'nl'));
  const highlight = st.area;
  const parentLabel = regionName(pick(first, 'parent_code') || resolveRegion(params.area || st.parent || cubeDefault('benchmark', 'area')));

  // Themes in the order of the five safety fields (as Bijlage 2 lists them).
  const order = new Map(ref.themes.map((t, i) => [t.theme_code, i]));
  themes.sort((a, b) => (order.has(a.code) ? order.get(a.code) : 1e6) - (order.has(b.code) ? order.get(b.code) : 1e6));
  // Table: areas as rows; first the position and total score with the published total beside it, then per theme
  // "value (rank)" (a published rank that differs is flagged in the cell).
  const headRow1 = h('tr', {}, h('th', { scope: 'col', rowspan: 2, class: 'sticky' }, 'Gebied'),
    h('th', { scope: 'colgroup', colspan: 4, class: 'center' }, 'Totaalscore (som van de rangen)'),
    themes.map((t) => h('th', { scope: 'col', class: 'num theme-head' }, t.name)));
  const headRow2 = h('tr', {}, h('th', { scope: 'col', class: 'num sub' }, 'positie'),
    h('th', { scope: 'col', class: 'num sub' }, 'berekend'), h('th', { scope: 'col', class: 'num sub' }, 'gepubliceerd'),
    h('th', { scope: 'col', class: 'sub' }, 'verschil'),
    themes.map(() => h('th', { scope: 'col', class: 'num sub' }, 'per 1.000 (rang)')));
  const body = h('tbody', {});
  for (const a of areasSorted) {
    const tr = h('tr', { class: a.code === highlight ? 'highlight' : null, 'data-area': a.code });
    tr.append(h('th', { scope: 'row', class: 'sticky' }, a.name));
    const tt = total(a.r), pt = pubTotal(a.r);
    const tflag = pick(a.r, 'total_differs');
    const none = pt === undefined || pt === null;
    const differs = !none && (tflag !== undefined && tflag !== null ? !!tflag : tt !== pt);
    tr.append(h('td', { class: 'num', 'data-col': 'position' }, num(position(a.r))));
    tr.append(h('td', { class: 'num total', 'data-col': 'total' }, num(tt)));
    tr.append(h('td', { class: 'num', 'data-col': 'published-total' }, none ? '–' : num(pt)));
    tr.append(h('td', { class: none ? 'none' : differs ? 'mismatch' : 'match', 'data-col': 'flag',
      title: none ? 'geen gepubliceerde totaalscore' : differs ? 'berekend wijkt af van gepubliceerd' : 'berekend = gepubliceerd' },
    none ? '–' : differs ? '≠ ' + (tt > pt ? '+' : '') + num(tt - pt) : '= gelijk'));
    for (const t of themes) {
      const r = byKey.get(a.code + '|' + t.code);
      if (!r) { tr.append(h('td', { class: 'num' }, '')); continue; }
      const pr = pubRank(r), rk = rank(r), pv = pubValue(r);
      const flagged = pick(r, 'rank_differs');
      const mism = flagged !== undefined && flagged !== null ? !!flagged : (pr !== undefined && pr !== null && pr !== rk);
      tr.append(h('td', { class: 'num' + (mism ? ' mismatch' : ''), title: mism ? 'gepubliceerde rang ' + pr + ', berekend ' + rk : null },
        num(val(r), NF2), ' ', h('span', { class: 'rank' }, '(' + (rk ?? '–') + ')'),
        mism ? h('span', { class: 'flag', title: 'wijkt af van de publicatie' }, ' ≠' + pr) : null,
        pv !== undefined && pv !== null && Math.abs(pv - val(r)) >= 0.005 ? h('div', { class: 'published' }, 'gepubl. ' + num(pv, NF2)) : null));
    }
    body.append(tr);
  }
  // The parent's row: summed counts over summed population where counts are loaded, else its published rate.
  const ptr = h('tr', { class: 'parent-row' }, h('th', { scope: 'row', class: 'sticky' }, parentLabel), h('td', { colspan: 4 }));
  for (const t of themes) {
    const r = rows.find((x) => themeCode(x) === t.code && parentValue(x) !== undefined && parentValue(x) !== null);
    ptr.append(h('td', { class: 'num' }, r ? num(parentValue(r), NF2) : ''));
  }
  body.append(ptr);
  const tbl = h('div', { class: 'table-wrap' }, h('table', { class: 'data benchmark', id: 'benchmark-table' },
    h('caption', {}, 'Per 1.000 inwoners (woninginbraak per 1.000 woningen), ' + st.year + '; rang 1 = laagste; laagste totaalscore = veiligst.'),
    h('thead', {}, headRow1, headRow2), body));
  out.append(tbl);
  out.append(toolbar({ name: 'benchmark-' + (st.year || ''), url: (f) => cubeUrl('benchmark', params, f), api: cubeUrl('benchmark', params) },
    SOURCE_TABLES.registration));
  // One bar chart per theme, the parent's value as the reference line.
  const charts = h('div', { class: 'charts', id: 'benchmark-charts' });
  for (const t of themes) {
    const bars = areasSorted.map((a) => {
      const r = byKey.get(a.code + '|' + t.code);
      return { label: a.name, value: r ? val(r) : null, rank: r ? rank(r) : null, highlight: a.code === highlight };
    });
    const withParent = rows.find((x) => themeCode(x) === t.code && parentValue(x) !== null && parentValue(x) !== undefined);
    charts.append(h('figure', { class: 'chart-box' }, barChart(t.name, bars,
      withParent ? { label: parentLabel, value: parentValue(withParent) } : null, unitOf('value'))));
  }
  out.append(charts);
  status(rows.length + ' rijen in ' + num(result.elapsedMs) + ' ms.', 'ok');
}

// ---- Trend
views.trend = {
  async init(st) {
    // Every year from the first to the last with registrations, widened to the years asked for (a target may run
    // beyond the data).
    const have = ref.years.registrations || [];
    const from = st.from || cubeDefault('trend', 'from') || have[0];
    const to = st.to || cubeDefault('trend', 'to') || have[have.length - 1];
    const span = have.concat([Number(from), Number(to)]).filter((y) => Number.isFinite(y));
    const yo = [];
    for (let y = Math.min(...span); y <= Math.max(...span); y++) yo.push({ value: y, label: String(y) });
    fillSelect($('t-from'), yo, from);
    fillSelect($('t-to'), yo, to);
    this.shown = st.show ? splitList(st.show) : null;
    fillSelect($('t-base'), [{ value: '', label: '(eerste jaar)' }].concat(yo), st.base || cubeDefault('trend', 'base') || '');
    fillSelect($('t-theme'), ref.themes.filter((t) => t.registered).map((t) => ({ value: t.theme_code, label: t.theme_name })),
      st.themes || cubeDefault('trend', 'themes'));
    const measures = ref.measures.filter((m) => m.registered && !m.denominator);
    fillSelect($('t-indicator'), measures.map((m) => ({ value: m.code, label: m.label })),
      st.indicator || cubeDefault('trend', 'indicator'));
    const parents = parentsWithChildren();
    fillSelect($('t-area'), parents.map((c) => ({ value: c, label: regionName(c) + ' (' + ref.regions.get(c).level + ')' })),
      resolveRegion(st.area || cubeDefault('trend', 'area')));
    this.levels(st.level || cubeDefault('trend', 'level'));
  },
  levels(level) {
    // The area's own level too: a trend of the area alone.
    const own = ref.regions.has($('t-area').value) ? [ref.regions.get($('t-area').value).level] : [];
    const ls = own.concat(levelsBelow($('t-area').value).filter((l) => !own.includes(l)));
    fillSelect($('t-level'), ls.map((l) => ({ value: l, label: LEVEL_LABEL[l] || l })), level || ls[ls.length - 1]);
  },
  wire() {
    $('t-area').addEventListener('change', () => { this.levels(); this.shown = null; });
    $('t-level').addEventListener('change', () => { this.shown = null; });
  },
  state() {
    return { area: $('t-area').value, level: $('t-level').value, themes: $('t-theme').value, indicator: $('t-indicator').value,
      from: $('t-from').value, to: $('t-to').value, base: $('t-base').value, show: this.shown ? this.shown.join(',') : undefined };
  },
  async show(st) {
    const params = cubeParams('trend', { area: st.area, level: st.level, themes: st.themes, indicator: st.indicator,
      from: st.from, to: st.to, base: st.base });
    const result = await getJson(cubeUrl('trend', params));
    let target = null;
    if (ref.cubes.has('target')) {
      // A target exists for some area/theme pairs only (the cube says which it has not).
      try {
        const tp = cubeParams('target', { area: st.area, theme: st.themes, from: st.from, to: st.to });
        const t = await getJson(cubeUrl('target', tp));
        if (t.rows.length) target = { result: t, params: tp };
      } catch (e) { /* no target for this area and theme */ }
    }
    renderTrend($('out-trend'), result, target, st, params);
  },
};

const yearOf = (r) => (r.period_year !== undefined ? r.period_year : r.year);
const LEVEL_ORDER = (l) => { const i = LEVELS.indexOf(l); return i < 0 ? 99 : i; };

function renderTrend(out, result, target, st, params) {
  clear(out);
  const rows = records(result);
  if (!rows.length) { out.append(h('p', {}, 'Geen gegevens voor deze keuze.')); return; }
  const notice = coverageNotice(rows);
  if (notice) out.append(notice);
  const cube = ref.cubes.get('trend');
  const indicator = st.indicator || cubeDefault('trend', 'indicator');
  const measureLabel = $('t-indicator').selectedOptions.length ? $('t-indicator').selectedOptions[0].textContent : indicator;
  const areas = [];
  for (const r of rows) {
    if (!areas.some((a) => a.code === r.area_code)) areas.push({ code: r.area_code, name: r.area_name || regionName(r.area_code), level: r.area_level });
  }
  areas.sort((a, b) => LEVEL_ORDER(a.level) - LEVEL_ORDER(b.level) || a.name.localeCompare(b.name, 'nl'));
  // Shown by default: the chosen area and the level right below it (the basisteams of a district, ...).
  const levels = [...new Set(areas.map((a) => a.level))].sort((a, b) => LEVEL_ORDER(a) - LEVEL_ORDER(b));
  const root = resolveRegion(st.area) || areas[0].code;
  const shown = new Set(st.show ? splitList(st.show)
    : areas.filter((a) => a.code === root || a.level === levels[1] || levels.length === 1).map((a) => a.code));
  const chartBox = h('figure', { class: 'chart-box wide' });
  const picker = h('fieldset', { class: 'show-areas' }, h('legend', {}, 'In de grafiek'), h('div', { id: 't-show', class: 'checklist' }));
  const draw = () => {
    const dup = (a) => areas.some((b) => b !== a && b.name === a.name);
    const lines = areas.filter((a) => shown.has(a.code)).map((a) => ({ name: dup(a) ? a.name + ' (' + a.level + ')' : a.name,
      points: rows.filter((r) => r.area_code === a.code).map((r) => ({ x: yearOf(r), y: r.value })) }));
    if (target) {
      const tr = records(target.result);
      const sameMeasure = !tr[0].measure_code || tr[0].measure_code === indicator;
      if (sameMeasure) {
        lines.push({ name: 'Doel ' + regionName(tr[0].area_code), dashed: true, cls: 'target', color: '#b3261e',
          points: tr.map((r) => ({ x: r.period_year, y: r.target_value })) });
      }
    }
    clear(chartBox).append(lineChart(themeName(st.themes || cubeDefault('trend', 'themes')) + ': ' + measureLabel, lines, ''));
  };
  out.append(chartBox);
  out.append(picker);
  fillChecklist($('t-show'), 'show', areas.map((a) => ({ value: a.code, label: a.name, group: LEVEL_LABEL[a.level] || a.level })), [...shown]);
  $('t-show').addEventListener('change', (e) => {
    if (e.target.checked) shown.add(e.target.value); else shown.delete(e.target.value);
    views.trend.shown = [...shown];
    const stNow = Object.assign({ view: 'trend' }, views.trend.state());
    writeHash(stNow);
    draw();
  });
  draw();
  // Areas as rows, years as columns: the value with the change on the previous year below it; a published
  // value or change that differs from the recomputed one is shown beside it in red.
  const years = [...new Set(rows.map(yearOf))].sort((a, b) => a - b);
  const cell = new Map(rows.map((r) => [r.area_code + '|' + yearOf(r), r]));
  const head = h('tr', {}, h('th', { scope: 'col', class: 'sticky' }, 'Gebied'), h('th', { scope: 'col' }, 'Niveau'),
    years.map((y) => h('th', { scope: 'col', class: 'num' }, String(y))),
    h('th', { scope: 'col', class: 'num', title: 'gemiddelde jaarlijkse verandering over de periode' }, 'Gem. per jaar'));
  const body = h('tbody', {});
  for (const a of areas) {
    const any = rows.find((r) => r.area_code === a.code);
    body.append(h('tr', { 'data-area': a.code, class: a.code === root ? 'highlight' : null },
      h('th', { scope: 'row', class: 'sticky' }, a.name), h('td', {}, a.level),
      years.map((y) => {
        const r = cell.get(a.code + '|' + y);
        if (!r) return h('td', { class: 'num' });
        const idx = r.index_value !== undefined ? r.index_value : r.index;
        return h('td', { class: 'num', title: idx !== null && idx !== undefined ? 'index ' + num(idx, NF1) : null },
          num(r.value),
          r.differs_from_published && r.published_value !== null ? h('div', { class: 'published mismatch' }, 'gepubl. ' + num(r.published_value)) : null,
          r.change_pct !== null && r.change_pct !== undefined
            ? h('div', { class: 'change ' + (r.change_pct < 0 ? 'down' : r.change_pct > 0 ? 'up' : '') }, (r.change_pct > 0 ? '+' : '') + num(r.change_pct, NF1) + '%')
            : null,
          r.change_pct_differs && r.published_change_pct !== null ? h('div', { class: 'published mismatch' }, 'gepubl. ' + num(r.published_change_pct, NF1) + '%') : null);
      }),
      h('td', { class: 'num' }, any.avg_yearly_change_pct === null || any.avg_yearly_change_pct === undefined ? ''
        : (any.avg_yearly_change_pct > 0 ? '+' : '') + num(any.avg_yearly_change_pct, NF1) + '%')));
  }
  out.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data trend', id: 'trend-table' },
    h('caption', {}, themeName(st.themes || cubeDefault('trend', 'themes')) + ', ' + measureLabel + ', '
      + years[0] + '–' + years[years.length - 1] + '; onder de waarde de verandering t.o.v. het vorige jaar.'),
    h('thead', {}, head), body)));
  if (target) {
    const tr = records(target.result);
    out.append(h('h3', {}, 'Doel: ' + themeName(tr[0].theme_code) + ' in ' + regionName(tr[0].area_code)
      + ' (' + num(tr[0].yearly_change * 100, NF1) + '% per jaar vanaf ' + tr[0].base_year + ')'));
    out.append(table([
      { name: 'period_year', label: 'Jaar' },
      { name: 'target_value', label: 'Doelpad', num: true, fmt: new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 }) },
      { name: 'published_target', label: 'Gepubliceerd doel', num: true, cls: (r) => (r.published_reproduced === false ? 'mismatch' : '') },
      { name: 'actual', label: 'Werkelijk', num: true },
      { name: 'gap', label: 'Verschil', num: true, fmt: new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 }) },
      { name: 'on_track', label: 'Op koers', render: (r) => (r.on_track === null || r.on_track === undefined ? '–' : r.on_track ? 'ja' : 'nee') },
    ], tr, { rowHeader: true, id: 'target-table' }));
  }
  out.append(toolbar({ name: 'trend-' + (st.themes || 'thema'), url: (f) => cubeUrl('trend', params, f), api: cubeUrl('trend', params) },
    SOURCE_TABLES.registration.concat(target ? SOURCE_TABLES.target : [])));
  status(rows.length + ' rijen in ' + num(result.elapsedMs) + ' ms.', 'ok');
}

// ---- Priorities
views.priorities = {
  async init(st) {
    const plans = await getJson('/api/plans');
    const def = st.plans || cubeDefault('priorities', 'plans');
    const opts = plans.map((p) => ({ value: p.type, label: p.type + ' (' + p.plans + ' plannen)' }));
    if (def && !opts.some((o) => o.value === def)) opts.unshift({ value: def, label: def });
    fillSelect($('p-plans'), opts, def);
    $('p-threshold').value = st.threshold || cubeDefault('priorities', 'threshold') || 7;
  },
  wire() { },
  state() { return { plans: $('p-plans').value, threshold: $('p-threshold').value }; },
  async show(st) {
    const params = cubeParams('priorities', { plans: st.plans, threshold: st.threshold });
    const result = await getJson(cubeUrl('priorities', params));
    renderPriorities($('out-priorities'), result, st, params);
  },
};

function renderPriorities(out, result, st, params) {
  clear(out);
  const rows = records(result);
  if (!rows.length) { out.append(h('p', {}, 'Geen gegevens voor deze keuze.')); return; }
  const threshold = Number(st.threshold || cubeDefault('priorities', 'threshold') || 0);
  const count = (r) => r.plan_count || 0;
  const thName = (r) => r.theme_name || themeName(r.theme_code);
  const sorted = rows.slice().sort((a, b) => count(b) - count(a) || thName(a).localeCompare(thName(b), 'nl'));
  const total = rows[0].plans_in_set;
  const max = Math.max(total || 0, ...rows.map(count));
  out.append(h('figure', { class: 'chart-box wide' },
    thresholdChart('Aantal plannen per thema' + (total ? ' (van de ' + total + ')' : ''),
      sorted.map((r) => ({ label: thName(r), value: count(r) })), threshold, max)));
  // The theme x plan matrix from the list of owners that mark each theme.
  const areasOf = (r) => splitList(r.areas);
  const allAreas = [...new Set(rows.flatMap(areasOf))].sort((a, b) => a.localeCompare(b, 'nl'));
  const head = h('tr', {}, h('th', { scope: 'col' }, 'Thema'), h('th', { scope: 'col', class: 'num' }, 'Aantal'),
    h('th', { scope: 'col', class: 'num' }, 'Aandeel %'), h('th', { scope: 'col', class: 'num' }, 'Gepubliceerd'),
    allAreas.map((a) => h('th', { scope: 'col', class: 'vert' }, h('span', {}, a))),
    h('th', { scope: 'col' }, 'Ook bij partners'));
  const body = h('tbody', {});
  let drawn = false;
  for (const r of sorted) {
    const c = count(r);
    if (!drawn && threshold && c < threshold) {
      body.append(h('tr', { class: 'threshold-row' }, h('td', { colspan: 5 + allAreas.length }, 'drempel: minstens ' + threshold + ' plannen')));
      drawn = true;
    }
    const set = new Set(areasOf(r));
    const pub = r.published_count;
    body.append(h('tr', { class: (r.passes_threshold ? 'pass' : null), 'data-theme': r.theme_code },
      h('th', { scope: 'row' }, thName(r)),
      h('td', { class: 'num' }, String(c)),
      h('td', { class: 'num' }, num(r.share_pct, NF1)),
      h('td', { class: 'num' + (r.count_differs ? ' mismatch' : ''), title: r.count_differs ? 'gepubliceerd totaal wijkt af van de geteld markeringen' : null },
        pub === undefined || pub === null ? '–' : num(pub) + (r.count_differs ? ' ≠' : '')),
      allAreas.map((a) => h('td', { class: 'mark' }, set.has(a) ? h('span', { title: a + ': ' + thName(r) }, '✓') : '')),
      h('td', { class: 'partners' }, r.partners || '')));
  }
  out.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data matrix', id: 'priorities-table' },
    h('caption', {}, 'Thema × plan; vet: in minstens ' + threshold + ' plannen (komt in aanmerking voor een regionale aanpak).'),
    h('thead', {}, head), body)));
  out.append(toolbar({ name: 'prioriteiten', url: (f) => cubeUrl('priorities', params, f), api: cubeUrl('priorities', params) }, SOURCE_TABLES.plans));
  status(rows.length + ' thema\'s in ' + num(result.elapsedMs) + ' ms.', 'ok');
}

// ---- Survey (significance)
views.survey = {
  async init(st) {
    const ind = ref.measures.filter((m) => m.surveyed);
    fillSelect($('s-indicator'), ind.map((m) => ({ value: m.code, label: m.label })), st.indicator || cubeDefault('significance', 'indicator'));
    fillSelect($('s-year'), [{ value: '', label: '(laatste meting)' }].concat(yearOptions('survey')),
      st.year || cubeDefault('significance', 'year') || '');
    const parents = parentsWithChildren();
    fillSelect($('s-parent'), parents.map((c) => ({ value: c, label: regionName(c) + ' (' + ref.regions.get(c).level + ')' })),
      resolveRegion(st.parent || cubeDefault('significance', 'area') || 'PD-TWENTE'));
    this.levels(st.level || cubeDefault('significance', 'level'));
    fillSelect($('s-reference'), Object.keys(REFERENCE_LABEL).map((r) => ({ value: r, label: REFERENCE_LABEL[r] })),
      st.reference || cubeDefault('significance', 'reference') || 'parent');
    $('s-threshold').value = st.threshold || cubeDefault('significance', 'threshold') || 300;
  },
  levels(level) {
    const ls = levelsBelow($('s-parent').value);
    fillSelect($('s-level'), ls.map((l) => ({ value: l, label: LEVEL_LABEL[l] || l })), level || ls[0]);
  },
  wire() { $('s-parent').addEventListener('change', () => this.levels()); },
  state() {
    return { indicator: $('s-indicator').value, parent: $('s-parent').value, level: $('s-level').value,
      year: $('s-year').value, reference: $('s-reference').value, threshold: $('s-threshold').value };
  },
  async show(st) {
    const params = cubeParams('significance', { ...st, area: st.parent });
    const result = await getJson(cubeUrl('significance', params));
    renderSurvey($('out-survey'), result, st, params);
  },
};

/** The cube's result word (beter, slechter, hoger, lager, niet verschillend, niet vergeleken) as a verdict key. */
function verdictOf(r) {
  const v = String(pick(r, 'result', 'verdict') || '').toLowerCase();
  if (/niet vergeleken|te weinig/.test(v)) return 'few';
  if (/niet verschillend/.test(v)) return 'same';
  if (/beter/.test(v)) return 'better';
  if (/slechter/.test(v)) return 'worse';
  if (/hoger/.test(v)) return 'higher';
  if (/lager/.test(v)) return 'lower';
  return 'same';
}

const REFERENCE_LABEL = { parent: 'het bovenliggende gebied', peers: 'het gemiddelde van de vergeleken gebieden', previous: 'de vorige meting' };

function renderSurvey(out, result, st, params) {
  clear(out);
  const rows = records(result);
  if (!rows.length) { out.append(h('p', {}, 'Geen gegevens voor deze keuze.')); return; }
  const areaName = (r) => r.area_name || regionName(r.area_code);
  const refs = [...new Set(rows.map((r) => r.reference_value))];
  // One reference for all (parent, peers): a band; per area (previous measurement): a marker per row.
  const shared = refs.length === 1 && refs[0] !== null;
  const first = rows[0];
  const refRow = shared ? { label: first.reference || 'referentie', value: first.reference_value, margin: first.reference_margin } : null;
  const bars = rows.map((r) => ({ label: areaName(r), value: r.value, margin: r.margin, verdict: verdictOf(r),
    ref: shared ? null : { value: r.reference_value, margin: r.reference_margin } }));
  const indicatorLabel = $('s-indicator').selectedOptions.length ? $('s-indicator').selectedOptions[0].textContent : st.indicator;
  const year = first.period_year || st.year || '';
  out.append(h('figure', { class: 'chart-box wide' }, errorBarChart(indicatorLabel + ', ' + year, bars, refRow, '')));
  out.append(h('p', { class: 'note' }, 'Verschil is significant als |a − b| > √(ma² + mb²), met ma en mb de 95%-marges. '
    + 'Vergeleken met ' + (REFERENCE_LABEL[st.reference] || st.reference || REFERENCE_LABEL.parent) + '.'));
  out.append(table([
    { name: 'area_name', label: 'Gebied', value: areaName },
    { name: 'period_year', label: 'Jaar' },
    { name: 'value', label: 'Waarde', num: true, fmt: NF1 },
    { name: 'margin', label: 'Marge (95%)', num: true, render: (r) => (r.margin === null ? '' : '± ' + num(r.margin, NF1)) },
    { name: 'respondents', label: 'Respondenten', num: true,
      render: (r) => (r.respondents === null || r.respondents === undefined
        ? h('span', { class: 'missing', title: 'niet geladen voor dit gebied en jaar' }, 'onbekend') : num(r.respondents)) },
    { name: 'reference', label: 'Referentie' },
    { name: 'reference_value', label: 'Ref. waarde', num: true, fmt: NF1 },
    { name: 'reference_margin', label: 'Ref. marge', num: true, render: (r) => (r.reference_margin === null ? '' : '± ' + num(r.reference_margin, NF1)) },
    { name: 'difference', label: 'Verschil', num: true, fmt: NF1 },
    { name: 'combined_margin', label: '√(ma² + mb²)', num: true, fmt: NF1 },
    { name: 'result', label: 'Oordeel', render: (r) => h('span', { class: 'verdict ' + VERDICT[verdictOf(r)].cls }, r.result || VERDICT[verdictOf(r)].label) },
  ], rows, { rowHeader: true, cls: 'survey' }));
  out.append(toolbar({ name: 'veiligheidsmonitor-' + (st.indicator || ''), url: (f) => cubeUrl('significance', params, f), api: cubeUrl('significance', params) },
    SOURCE_TABLES.survey));
  status(rows.length + ' gebieden in ' + num(result.elapsedMs) + ' ms.', 'ok');
}

// ---- Survey sample (respondents per municipality against the threshold, extra needed and cost)
const EURO = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 });
const EURO0 = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

views.sample = {
  async init(st) {
    const parents = parentsWithChildren();
    fillSelect($('m-area'), parents.map((c) => ({ value: c, label: regionName(c) + ' (' + ref.regions.get(c).level + ')' })),
      resolveRegion(st.area || cubeDefault('survey-sample', 'area') || 'PD-TWENTE'));
    const years = (ref.years.surveyResponses || []).slice().reverse().map((y) => ({ y }));
    const def = st.year || cubeDefault('survey-sample', 'year');
    const yo = years.map((r) => ({ value: r.y, label: String(r.y) }));
    if (def && !yo.some((o) => String(o.value) === String(def))) yo.push({ value: def, label: String(def) });
    fillSelect($('m-year'), yo, def);
    $('m-threshold').value = st.threshold || cubeDefault('survey-sample', 'threshold') || 300;
    $('m-price').value = st.price || cubeDefault('survey-sample', 'price') || 9.28;
    $('m-own').checked = (st.own_questions || cubeDefault('survey-sample', 'own_questions')) === 'true';
  },
  wire() { },
  state() {
    return { area: $('m-area').value, year: $('m-year').value, threshold: $('m-threshold').value, price: $('m-price').value,
      own_questions: $('m-own').checked ? 'true' : 'false' };
  },
  async show(st) {
    const params = cubeParams('survey-sample', st);
    const result = await getJson(cubeUrl('survey-sample', params));
    renderSample($('out-sample'), result, st, params);
  },
};

function renderSample(out, result, st, params) {
  clear(out);
  const rows = records(result);
  if (!rows.length) { out.append(h('p', {}, 'Geen gegevens voor deze keuze.')); return; }
  const threshold = Number(st.threshold || cubeDefault('survey-sample', 'threshold') || 300);
  const areas = rows.filter((r) => r.area_code !== 'TOTAAL');
  const total = rows.find((r) => r.area_code === 'TOTAAL');
  const max = Math.max(threshold, ...areas.map((r) => r.respondents || 0));
  // Respondents per municipality with the threshold; bars at or above it are highlighted.
  out.append(h('figure', { class: 'chart-box wide' }, thresholdChart('Respondenten per gemeente (drempel ' + threshold + ')',
    areas.map((r) => ({ label: r.area_name, value: r.respondents || 0 })), threshold, Math.min(max, threshold * 3))));
  const money = (v, f) => (v === null || v === undefined ? '–' : (f || EURO).format(v));
  out.append(table([
    { name: 'area_name', label: 'Gemeente' },
    { name: 'respondents', label: 'Respondenten', num: true },
    { name: 'extra_needed', label: 'Extra nodig', num: true },
    { name: 'published_extra', label: 'Gepubliceerd', num: true, cls: (r) => (r.published_extra !== null && r.published_extra !== r.extra_needed ? 'mismatch' : '') },
    { name: 'price', label: 'Prijs', num: true, render: (r) => money(r.price) },
    { name: 'cost', label: 'Kosten', num: true, render: (r) => money(r.cost) },
    { name: 'cost_rounded_5', label: 'Afgerond op 5', num: true, render: (r) => money(r.cost_rounded_5, EURO0) },
    { name: 'published_cost', label: 'Gepubliceerd', num: true, render: (r) => money(r.published_cost, EURO0),
      cls: (r) => (r.cost_matches === false ? 'mismatch' : '') },
    { name: 'cost_matches', label: 'Gelijk', render: (r) => (r.cost_matches === null || r.cost_matches === undefined ? '–' : r.cost_matches ? '= ja' : '≠ nee'),
      cls: (r) => (r.cost_matches === false ? 'mismatch' : r.cost_matches ? 'match' : '') },
    { name: 'databank_fee', label: 'Databank', num: true, render: (r) => money(r.databank_fee, EURO0) },
  ], rows, { rowHeader: true, cls: 'sample', id: 'sample-table', rowClass: (r) => (r.area_code === 'TOTAAL' ? 'total-row' : null),
    caption: 'Extra respondenten = max(0, ' + threshold + ' − respons); kosten = extra × prijs' + (st.own_questions === 'true' ? ' (met eigen vragen)' : '') + '.' }));
  if (total && total.published_rows_sum !== null && total.published_rows_sum !== undefined) {
    out.append(h('p', { class: 'note' }, 'De gepubliceerde rijen tellen op tot ' + money(total.published_rows_sum, EURO0)
      + '; het gepubliceerde totaal is ' + money(total.published_cost, EURO0) + '.'));
  }
  out.append(toolbar({ name: 'steekproef-' + (st.year || ''), url: (f) => cubeUrl('survey-sample', params, f), api: cubeUrl('survey-sample', params) },
    SOURCE_TABLES.survey));
  status(areas.length + ' gemeenten in ' + num(result.elapsedMs) + ' ms.', 'ok');
}

// ---- Map (municipalities of a year coloured by a cube value; higher levels dissolved by the server)
const MAP_LEVELS = ['gemeente', 'basisteam', 'district', 'eenheid', 'provincie'];
/** The cubes the map can colour by; each answers per area of a level below a parent in a year. */
const MAP_CUBES = {
  benchmark: { label: 'Benchmark (per 1.000, rang, afwijking)', column: 'value', key: 'area_code', theme: true,
    params: (st) => ({ area: st.parent, level: st.level, year: st.year, themes: st.theme }) },
  trend: { label: 'Trend (verandering, index)', column: 'change_pct', key: 'area_code', theme: true,
    params: (st) => ({ area: st.parent, level: 'gemeente', from: Number(st.year) - 1, to: st.year, borders: st.year, themes: st.theme }),
    rows: (rows, st) => rows.filter((r) => r.area_level === st.level && String(r.period_year) === String(st.year)) },
  significance: { label: 'Veiligheidsmonitor (beter / slechter)', column: 'result', key: 'area_code', theme: false,
    params: (st) => ({ area: st.parent, level: st.level, year: st.year }) },
};
const SEQ = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
const CATEGORY_COLOR = { beter: '#2e8540', slechter: '#b3261e', 'niet verschillend': '#9fb3c8', 'niet vergeleken': '#e8e8e8',
  true: '#c8501e', false: '#9fb3c8' };
const NO_DATA = '#cfd3d8';

views.map = {
  async init(st) {
    const parents = parentsWithChildren();
    fillSelect($('k-parent'), parents.map((c) => ({ value: c, label: regionName(c) + ' (' + ref.regions.get(c).level + ')' })),
      resolveRegion(st.parent || 'RE02'));
    fillSelect($('k-level'), MAP_LEVELS.map((l) => ({ value: l, label: LEVEL_LABEL[l] || l })), st.level || 'gemeente');
    const years = [...new Set([...(ref.years.registrations || []), ...(ref.years.survey || [])])].sort((a, b) => b - a);
    fillSelect($('k-year'), years.map((y) => ({ value: y, label: String(y) })), st.year || years[0]);
    fillSelect($('k-cube'), Object.keys(MAP_CUBES).map((c) => ({ value: c, label: MAP_CUBES[c].label })), st.cube || 'benchmark');
    this.columns(st.column);
    fillSelect($('k-theme'), ref.themes.map((t) => ({ value: t.theme_code, label: t.theme_name })), st.theme || 'misdrijven_totaal');
  },
  columns(column) {
    const cube = ref.cubes.get($('k-cube').value);
    const m = MAP_CUBES[$('k-cube').value];
    // any value column the cube declares: numbers (in classes) and its result or flag words (as categories)
    const cols = (cube ? cube.columns : []).filter((c) => c.unit || c.type === 'BOOLEAN' || c.name === 'result' || c.name === 'value_source');
    fillSelect($('k-column'), cols.map((c) => ({ value: c.name, label: c.name + (c.unit ? ' (' + c.unit + ')' : '') })), column || m.column);
    $('k-theme').disabled = !m.theme;
  },
  wire() { $('k-cube').addEventListener('change', () => this.columns()); },
  state() {
    return { parent: $('k-parent').value, level: $('k-level').value, year: $('k-year').value, cube: $('k-cube').value,
      column: $('k-column').value, theme: MAP_CUBES[$('k-cube').value].theme ? $('k-theme').value : '' };
  },
  async show(st) {
    const m = MAP_CUBES[st.cube] || MAP_CUBES.benchmark;
    const params = cubeParams(st.cube, m.params(st));
    const [geo, result] = await Promise.all([
      getJson('/api/maps/' + encodeURIComponent(st.level) + '?year=' + encodeURIComponent(st.year) + '&area=' + encodeURIComponent(st.parent)),
      getJson(cubeUrl(st.cube, params)).catch((e) => ({ error: e })),
    ]);
    renderMap($('out-map'), geo, result, st, params);
  },
};

/** Classes of a column's values: quantile breaks for numbers (at most 5), one class per word otherwise. */
function mapClasses(values, column) {
  const nums = values.filter((v) => typeof v === 'number');
  if (nums.length && nums.length === values.length) {
    const sorted = [...new Set(nums)].sort((a, b) => a - b);
    const k = Math.min(5, sorted.length);
    const breaks = [];
    for (let i = 1; i < k; i++) breaks.push(sorted[Math.floor((i * sorted.length) / k)]);
    const colors = k === 1 ? [SEQ[2]] : SEQ.slice(5 - k);
    const fmt = (v) => num(v, column && column.decimals === 0 ? new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 }) : NF);
    const bounds = [sorted[0], ...breaks, sorted[sorted.length - 1]];
    return {
      color: (v) => colors[breaks.filter((b) => v >= b).length],
      legend: colors.map((c, i) => ({ color: c, label: i === colors.length - 1 ? fmt(bounds[i]) + ' – ' + fmt(bounds[i + 1])
        : fmt(bounds[i]) + ' – < ' + fmt(bounds[i + 1]) })),
    };
  }
  const words = [...new Set(values.map(String))].sort();
  const color = (v) => CATEGORY_COLOR[String(v)] || PALETTE[words.indexOf(String(v)) % PALETTE.length];
  return { color, legend: words.map((w) => ({ color: color(w), label: w })) };
}

function renderMap(out, geo, result, st, params) {
  clear(out);
  const m = MAP_CUBES[st.cube] || MAP_CUBES.benchmark;
  const cubeCols = (ref.cubes.get(st.cube) || { columns: [] }).columns;
  const column = cubeCols.find((c) => c.name === st.column);
  const rows = result.error ? [] : (m.rows ? m.rows(records(result), st) : records(result));
  const byCode = new Map();
  for (const r of rows) if (!byCode.has(r[m.key])) byCode.set(r[m.key], r);
  const value = (code) => { const r = byCode.get(code); return r ? r[st.column] : undefined; };
  // hatched: a survey value that is not reliable (too few respondents, or not compared)
  const unreliable = (code) => { const r = byCode.get(code);
    return !!r && (r.result === 'niet vergeleken' || (r.respondents !== null && r.respondents !== undefined && r.respondents < 300)); };
  const feats = geo.features || [];
  const values = feats.map((f) => value(f.properties.code)).filter((v) => v !== null && v !== undefined);
  const classes = mapClasses(values, column);
  // equirectangular projection scaled by cos(latitude): the Netherlands at its true shape
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const f of feats) for (const poly of f.geometry.coordinates) for (const [x, y] of poly[0]) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  const kx = Math.cos(((minY + maxY) / 2) * Math.PI / 180);
  const W = 640, scale = feats.length ? (W - 20) / Math.max(1e-9, (maxX - minX) * kx) : 1;
  const H = feats.length ? Math.min(760, Math.round((maxY - minY) * scale + 20)) : 120;
  const sc = Math.min(scale, (H - 20) / Math.max(1e-9, maxY - minY));
  const px = (x) => (10 + (x - minX) * kx * sc).toFixed(1);
  const py = (y) => (10 + (maxY - y) * sc).toFixed(1);
  const svg = s('svg', { class: 'chart map', id: 'map-svg', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img',
    'aria-label': 'Kaart van ' + (LEVEL_LABEL[st.level] || st.level) + ' ' + st.year });
  svg.append(s('defs', {}, s('pattern', { id: 'hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
    s('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#333', 'stroke-width': 1.2 }))));
  const tip = h('div', { class: 'map-tip', id: 'map-tip', hidden: '' });
  const label = (v) => (v === null || v === undefined ? 'geen gegevens' : typeof v === 'number' ? num(v) + (column && column.unit ? ' ' + column.unit : '') : String(v));
  for (const f of feats) {
    const code = f.properties.code;
    const v = value(code);
    const d = f.geometry.coordinates.map((poly) => poly.map((ring) => 'M' + ring.map(([x, y]) => px(x) + ',' + py(y)).join('L') + 'Z').join('')).join('');
    const has = v !== null && v !== undefined;
    const fill = has ? classes.color(v) : NO_DATA;
    const text = f.properties.name + ': ' + label(v) + (unreliable(code) ? ' (onbetrouwbaar: te weinig respondenten)' : '');
    const path = s('path', { d, fill, class: 'area' + (has ? '' : ' no-data'), 'fill-rule': 'evenodd', 'data-code': code,
      'data-name': f.properties.name, 'data-value': has ? String(v) : '', tabindex: 0 }, s('title', {}, text));
    const open = () => {
      const target = st.cube === 'trend'
        ? { view: 'trend', area: code, level: 'gemeente', from: Number(st.year) - 1, to: st.year, themes: st.theme }
        : { view: 'benchmark', parent: st.parent, level: st.level, year: st.year, area: code, themes: st.theme };
      writeHash(target);
      route(true);
    };
    path.addEventListener('mouseenter', () => { tip.hidden = false; tip.textContent = text; });
    path.addEventListener('mouseleave', () => { tip.hidden = true; });
    path.addEventListener('click', open);
    path.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
    svg.append(path);
    if (has && unreliable(code)) svg.append(s('path', { d, fill: 'url(#hatch)', class: 'hatch', 'pointer-events': 'none', 'data-code': code }));
  }
  const legend = h('ul', { class: 'map-legend', id: 'map-legend' },
    classes.legend.map((c) => h('li', {}, h('span', { class: 'swatch', style: 'background:' + c.color }), c.label)),
    h('li', {}, h('span', { class: 'swatch', style: 'background:' + NO_DATA }), 'geen gegevens'),
    st.cube === 'significance' || rows.some((r) => r.respondents !== undefined)
      ? h('li', {}, h('span', { class: 'swatch hatched' }), 'gearceerd: onbetrouwbaar (minder dan 300 respondenten of niet vergeleken)') : null);
  const missing = feats.filter((f) => !byCode.has(f.properties.code)).length;
  out.append(h('div', { class: 'map-wrap' }, h('figure', { class: 'chart-box' }, svg, tip),
    h('div', { class: 'map-side' }, h('h3', {}, (column ? column.name : st.column) + (column && column.unit ? ' (' + column.unit + ')' : '')),
      legend,
      h('p', { class: 'note', id: 'map-borders' }, (geo.note || 'Grenzen van ' + geo.boundaryYear) + '. Bron grenzen: ' + (geo.boundaries || 'CBS/PDOK') + '.'),
      geo.municipalitiesWithoutMembership ? h('p', { class: 'note' }, geo.municipalitiesWithoutMembership
        + ' gemeenten op de kaart van ' + geo.boundaryYear + ' hebben in ' + st.year + ' geen lidmaatschap op dit niveau in het warehouse.') : null,
      h('p', { class: 'note' }, feats.length + ' gebieden, ' + (feats.length - missing) + ' met een waarde. Klik op een gebied voor de '
        + (st.cube === 'trend' ? 'trend' : 'benchmark') + '.'),
      result.error ? h('div', {}, problemBox(result.error)) : null)));
  if (!result.error) {
    out.append(toolbar({ name: 'kaart-' + st.cube + '-' + st.level + '-' + st.year, url: (f) => cubeUrl(st.cube, params, f), api: cubeUrl(st.cube, params) },
      st.cube === 'significance' ? SOURCE_TABLES.survey : SOURCE_TABLES.registration));
  }
  out.append(h('p', { class: 'note' }, h('a', { href: '/api/maps/' + st.level + '?year=' + st.year + '&area=' + encodeURIComponent(st.parent), class: 'apilink' },
    'GeoJSON van deze kaart (API)')));
  status(feats.length + ' gebieden op de kaart.', 'ok');
}

// ---- Dark number (survey incidents, % reported and registered crime per crime kind; old police regions over time)
views.dark = {
  async init(st) {
    const areas = await getJson('/api/areas?with=victim-survey');
    const area = resolveRegion(st.area || cubeDefault('dark-number', 'area'));
    fillSelect($('d-area'), areas.map((a) => ({ value: a.code, label: regionName(a.code) })), area);
    fillSelect($('d-year'), yearOptions('victimSurvey'), st.year || cubeDefault('dark-number', 'year'));
    const yo = yearOptions('surveyLinkedToRegistrations', true);
    fillSelect($('d-from'), yo, st.from || cubeDefault('dark-number-regions', 'from'));
    fillSelect($('d-to'), yo, st.to || cubeDefault('dark-number-regions', 'to'));
  },
  wire() { },
  state() { return { area: $('d-area').value, year: $('d-year').value, from: $('d-from').value, to: $('d-to').value }; },
  async show(st) {
    const p1 = cubeParams('dark-number', { area: st.area, year: st.year });
    const p2 = cubeParams('dark-number-regions', { from: st.from, to: st.to });
    const [kinds, regions] = await Promise.all([getJson(cubeUrl('dark-number', p1)), getJson(cubeUrl('dark-number-regions', p2))]);
    renderDark($('out-dark'), records(kinds), records(regions), st, p1, p2);
    status('Dark number in ' + num(kinds.elapsedMs + regions.elapsedMs) + ' ms.', 'ok');
  },
};

const READING_LABEL = { gelezen: 'gelezen', hersteld: 'hersteld (komma)', onzeker: 'onzeker: niet gelezen' };

function renderDark(out, kinds, regions, st, p1, p2) {
  clear(out);
  const reading = (v) => (v ? READING_LABEL[v] || v : '');
  const flag = (v) => (v === 'onzeker' ? 'mismatch' : '');
  // the value with how it was read from the document, when it was not simply read as printed
  const valueRead = (v, how) => (how === 'onzeker' ? reading(how) : num(v) + (how && how !== 'gelezen' ? ' ' + reading(how) : ''));
  const col = (cube, name) => { const c = ref.cubes.get(cube); const x = c && c.columns.find((y) => y.name === name); return x ? x.description : null; };
  out.append(h('h3', {}, regionName(st.area) + ' ' + st.year + ': per soort delict'));
  if (!kinds.length) out.append(h('p', {}, 'Geen slachtofferschap per 100 inwoners voor deze keuze.'));
  else {
    out.append(table([
      { name: 'survey_kind', label: 'Soort delict' },
      { name: 'theme_code', label: 'Thema' },
      { name: 'definition_match', label: 'Definities', title: col('dark-number', 'definition_match'),
        render: (r) => h('span', { title: r.definition_note || '' }, r.definition_match || ''), cls: (r) => (r.definition_match === 'anders' ? 'mismatch' : '') },
      { name: 'survey_rate', label: 'Per 100 inw.', num: true, title: col('dark-number', 'survey_rate'),
        render: (r) => valueRead(r.survey_rate, r.rate_reading), cls: (r) => flag(r.rate_reading) },
      { name: 'reported_pct', label: '% aangegeven', num: true, title: col('dark-number', 'reported_pct'),
        render: (r) => valueRead(r.reported_pct, r.reported_reading), cls: (r) => flag(r.reported_reading) },
      { name: 'estimated', label: 'Delicten (enquête)', num: true, title: col('dark-number', 'estimated') },
      { name: 'implied_reported', label: 'Waarvan aangegeven', num: true, title: col('dark-number', 'implied_reported') },
      { name: 'registered', label: 'Geregistreerd', num: true, title: col('dark-number', 'registered') },
      { name: 'ratio_registered_reported', label: 'Geregistreerd / aangegeven', num: true, title: col('dark-number', 'ratio_registered_reported') },
      { name: 'unrecorded', label: 'Niet geregistreerd', num: true, title: col('dark-number', 'unrecorded') },
    ], kinds, { rowHeader: true, cls: 'dark', id: 'dark-table',
      caption: 'Bevolking: ' + (kinds[0].population_measure || '') + ' (' + num(kinds[0].population) + ', ' + (kinds[0].population_basis || '')
        + '); registraties: ' + (kinds[0].registered_source || '') }));
    out.append(h('p', { class: 'note' }, 'Enquête en registratie verschillen in definities (vooral vermogensdelicten), referentieperiode '
      + '(de afgelopen 12 maanden zijn ongeveer het gemiddelde van dit en vorig jaar) en telescoping (Wegwijzer, seed 004, 2.4). '
      + 'Een onzeker gelezen waarde blijft leeg: er wordt niets mee berekend. Definities: vergelijkbaar (dezelfde delicten), '
      + 'ruimer (de registratie telt meer mee: de verhouding is een bovengrens), anders (geen vergelijking van gelijke delicten), geen (niets vergeleken).'));
    out.append(toolbar({ name: 'dark-number-' + st.year, url: (f) => cubeUrl('dark-number', p1, f), api: cubeUrl('dark-number', p1) }, SOURCE_TABLES.dark));
  }
  out.append(h('h3', {}, "Politieregio's " + st.from + '–' + st.to + ': % slachtoffers tegenover geregistreerde misdrijven per 1.000 inwoners'));
  if (!regions.length) { out.append(h('p', {}, 'Geen gegevens voor deze jaren.')); return; }
  out.append(table([
    { name: 'area_name', label: 'Gebied' },
    { name: 'measure_code', label: 'Delictgroep', value: (r) => String(r.measure_code).replace('ivm_slachtoffer_', '') },
    { name: 'victims_pct_from', label: '% slachtoffer ' + st.from, num: true, fmt: NF1 },
    { name: 'victims_pct_to', label: '% slachtoffer ' + st.to, num: true, fmt: NF1 },
    { name: 'victims_change_pp', label: 'Verschil (%-punt)', num: true, fmt: NF1 },
    { name: 'registered_per_1000_from', label: 'Geregistreerd per 1.000 ' + st.from, num: true, fmt: NF1 },
    { name: 'registered_per_1000_to', label: 'Geregistreerd per 1.000 ' + st.to, num: true, fmt: NF1 },
    { name: 'registered_change_pct', label: 'Verschil %', num: true, fmt: NF1 },
  ], regions, { rowHeader: true, cls: 'dark-regions', id: 'dark-regions-table' }));
  const matches = [...new Set(regions.map((r) => r.definition_match).filter(Boolean))];
  if (matches.length) out.append(h('p', { class: 'note', id: 'dark-regions-definitions' }, 'Definities: ' + matches.join(', ') + '. ' + (col('dark-number-regions', 'definition_match') || '')));
  out.append(toolbar({ name: 'dark-number-regio-' + st.from + '-' + st.to, url: (f) => cubeUrl('dark-number-regions', p2, f), api: cubeUrl('dark-number-regions', p2) },
    ['fct_survey', 'fct_registration']));
}

// ---- SQL console
const DEFAULT_SQL = `-- Geregistreerde misdrijven in de eenheid Oost-Nederland en haar districten, 2013 en 2014
SELECT r.region_name AS gebied, r.region_level AS niveau,
       sum(f.value) FILTER (WHERE p.period_year = 2013) AS "2013",
       sum(f.value) FILTER (WHERE p.period_year = 2014) AS "2014",
       round(100.0 * ("2014" / "2013" - 1), 1) AS verschil_pct
FROM fct_registration f
JOIN dim_period p USING (period_code)
JOIN dim_region r USING (region_code)
WHERE f.theme_code = 'misdrijven_totaal' AND f.measure_code = 'geregistreerde_misdrijven' AND p.period_kind = 'jaar'
  AND (f.region_code = 'RE02' OR f.region_code IN (SELECT region_code FROM dim_region_parent WHERE parent_code = 'RE02'))
  AND r.region_level IN ('eenheid', 'district')
GROUP BY ALL
ORDER BY niveau DESC, gebied`;

views.sql = {
  async init(st) {
    if (st.sql !== undefined) $('sql-text').value = st.sql;
    else if (!$('sql-text').value) $('sql-text').value = DEFAULT_SQL;
    if (!this.schemaLoaded) {
      this.schemaLoaded = true;
      loadSchema();
    }
    renderHistory();
  },
  wire() {
    $('sql-text').addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        $('form-sql').requestSubmit();
      }
    });
    $('schema-filter').addEventListener('input', () => filterSchema($('schema-filter').value));
  },
  state() { return { sql: $('sql-text').value }; },
  async show(st) {
    const out = $('out-sql');
    const text = st.sql || '';
    if (!text.trim()) { clear(out); return; }
    const started = performance.now();
    const result = await sql(text);
    const wall = performance.now() - started;
    clear(out);
    out.append(h('p', { class: 'result-meta', id: 'sql-meta' },
      h('span', { 'data-rows': result.rowCount }, num(result.rowCount) + (result.rowCount === 1 ? ' rij' : ' rijen')),
      ' · ', h('span', { id: 'sql-elapsed' }, num(result.elapsedMs) + ' ms in de database, ' + num(Math.round(wall)) + ' ms totaal'),
      result.truncated ? h('span', { class: 'truncated', id: 'sql-truncated' }, ' · afgekapt: er zijn meer rijen dan getoond; download voor alles') : ' · volledig'));
    out.append(resultTable(result));
    out.append(sqlChart(result));
    out.append(toolbar({ name: 'query', url: '/api/query', body: { sql: text } }, null));
    remember(text);
    status(null);
  },
  // Errors of the console are shown as the service returned them (title and detail).
};

const isNumericType = (t) => /INT|DOUBLE|DECIMAL|FLOAT|REAL|NUMERIC/i.test(t || '');

/**
 * A chart of any console result: bars or lines, the label (x) column and the value columns picked by the analyst.
 * Defaults: the first text or year column as labels, the first numeric column(s) after it as values; lines when the
 * labels are years.
 */
function sqlChart(result) {
  const cols = result.columns;
  const box = h('figure', { class: 'chart-box wide', id: 'sql-chart' });
  const numericCols = cols.map((c, i) => ({ c, i })).filter((x) => isNumericType(x.c.type));
  if (!numericCols.length || !result.rows.length) {
    return h('p', { class: 'note', id: 'sql-chart-none' }, 'Geen grafiek: het resultaat heeft geen getallen.');
  }
  const yearLike = (i) => /year|jaar/i.test(cols[i].name) && result.rows.every((r) => r[i] === null || Number.isInteger(r[i]));
  const labelIdx = cols.findIndex((c, i) => !isNumericType(c.type) || yearLike(i));
  const xSel = h('select', { id: 'sql-chart-x', 'aria-label': 'Labels (x)' },
    cols.map((c, i) => h('option', { value: i, selected: i === Math.max(0, labelIdx) ? '' : null }, c.name)));
  const firstY = numericCols.filter((x) => x.i !== labelIdx && !yearLike(x.i));
  const ys = new Set((firstY.length ? firstY : numericCols).slice(0, 3).map((x) => x.i));
  const kind = h('select', { id: 'sql-chart-kind', 'aria-label': 'Soort grafiek' },
    h('option', { value: 'bar' }, 'staven'), h('option', { value: 'line' }, 'lijnen'));
  if (labelIdx >= 0 && yearLike(labelIdx)) kind.value = 'line';
  const yBox = h('span', { class: 'sql-chart-y' }, numericCols.map((x) => h('label', {},
    h('input', { type: 'checkbox', value: x.i, checked: ys.has(x.i) ? '' : null,
      onchange: (e) => { if (e.target.checked) ys.add(x.i); else ys.delete(x.i); draw(); } }), ' ' + x.c.name)));
  const draw = () => {
    const xi = Number(xSel.value);
    const yi = [...ys].filter((i) => i !== xi).sort((a, b) => a - b);
    clear(box);
    if (!yi.length) { box.append(h('p', { class: 'note' }, 'Kies een of meer waardekolommen.')); return; }
    const label = (r) => (r[xi] === null ? '(leeg)' : typeof r[xi] === 'number' ? r[xi] : String(r[xi]));
    if (kind.value === 'line') {
      box.append(lineChart(cols[yi[0]].name + (yi.length > 1 ? ' e.a.' : '') + ' per ' + cols[xi].name,
        yi.map((i) => ({ name: cols[i].name, points: result.rows.map((r) => ({ x: label(r), y: r[i] })) })), ''));
    } else {
      // one bar chart per value column, as in the benchmark view
      for (const i of yi) {
        box.append(barChart(cols[i].name, result.rows.slice(0, 40).map((r) => ({ label: String(label(r)).slice(0, 24), value: r[i] })), null, ''));
      }
      if (result.rows.length > 40) box.append(h('p', { class: 'note' }, 'De eerste 40 rijen van ' + num(result.rows.length) + '.'));
    }
  };
  xSel.addEventListener('change', draw);
  kind.addEventListener('change', draw);
  draw();
  return h('div', { class: 'sql-chart' },
    h('div', { class: 'sql-chart-controls' }, h('span', {}, 'Grafiek: '), kind, ' labels ', xSel, ' waarden ', yBox), box);
}

/** The last queries run in this browser (localStorage), newest first; a click puts one back in the editor. */
const HISTORY_KEY = 'ivz.sqlHistory';
function sqlHistory() {
  try { return JSON.parse(localStorage.getItem(HISTORY_KEY) || '[]'); } catch (e) { return []; }
}
function remember(text) {
  const t = text.trim();
  const list = [t].concat(sqlHistory().filter((x) => x !== t)).slice(0, 20);
  try { localStorage.setItem(HISTORY_KEY, JSON.stringify(list)); } catch (e) { /* storage full or off: no history */ }
  renderHistory();
}
function renderHistory() {
  const box = $('sql-history');
  if (!box) return;
  const list = sqlHistory();
  clear(box).append(h('summary', {}, 'Eerdere queries (' + list.length + ')'),
    list.length ? h('ol', {}, list.map((q) => h('li', {}, h('button', { type: 'button', class: 'link history-item', title: q,
      onclick: () => { $('sql-text').value = q; $('sql-text').focus(); } }, q.replace(/\s+/g, ' ').slice(0, 140)))))
      : h('p', { class: 'note' }, 'Nog geen queries uitgevoerd in deze browser.'));
}

let schemaData = [];

async function loadSchema() {
  const tree = $('schema-tree');
  clear(tree).append(h('p', { class: 'loading' }, 'Schema laden ...'));
  try {
    const schema = await getJson('/api/schema');
    schemaData = Array.isArray(schema) ? schema : (schema.tables || []);
    renderSchema(schemaData);
  } catch (e) {
    clear(tree).append(problemBox(e));
  }
}

function renderSchema(tables) {
  const tree = clear($('schema-tree'));
  for (const t of tables) {
    const name = t.name || t.table;
    const cols = t.columns || [];
    const d = h('details', { class: 'schema-table', 'data-table': name },
      h('summary', {}, h('code', {}, name), t.comment ? h('span', { class: 'comment' }, ' ' + t.comment) : null),
      h('ul', {}, cols.map((c) => h('li', {},
        h('button', { type: 'button', class: 'col', title: 'In de query zetten', onclick: () => insertAtCursor($('sql-text'), c.name) }, c.name),
        ' ', h('span', { class: 'type' }, c.type || ''),
        c.comment ? h('div', { class: 'comment' }, c.comment) : null))));
    tree.append(d);
  }
}

function filterSchema(q) {
  const low = q.toLowerCase();
  for (const d of $('schema-tree').querySelectorAll('details')) {
    const hit = !low || d.textContent.toLowerCase().includes(low);
    d.hidden = !hit;
    d.open = !!low && hit;
  }
}

function insertAtCursor(ta, text) {
  const a = ta.selectionStart, b = ta.selectionEnd;
  ta.value = ta.value.slice(0, a) + text + ta.value.slice(b);
  ta.focus();
  ta.selectionStart = ta.selectionEnd = a + text.length;
}

// ------------------------------------------------------------------ router
let routedHash = null;

async function route(force) {
  // Tab clicks fire both popstate and hashchange; route each URL once.
  if (!force && location.hash === routedHash) return;
  routedHash = location.hash;
  const st = readHash();
  const view = views[st.view] ? st.view : 'benchmark';
  for (const a of document.querySelectorAll('#tabs a')) {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  for (const sec of document.querySelectorAll('.view')) sec.hidden = sec.id !== 'view-' + view;
  currentView = view;
  const v = views[view];
  const out = $('out-' + view);
  status(null);
  try {
    await loadReference();
    await v.init(st);
  } catch (e) {
    clear(out).append(problemBox(e));
    if (e.status === 401) $('token').focus();
    return;
  }
  // A link that names the view's parameters shows the result at once; the plain tab waits for the button,
  // except for the views whose defaults answer the analysts' first question.
  const hasParams = Object.keys(st).some((k) => k !== 'view');
  if (hasParams || view !== 'sql') {
    await runView(out, () => v.show(Object.assign(v.state(), view === 'sql' ? { sql: st.sql } : {})));
  }
}

function submitView(view) {
  const v = views[view];
  const st = Object.assign({ view }, v.state());
  writeHash(st);
  return runView($('out-' + view), () => v.show(st));
}

function init() {
  $('token').value = token();
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const t = $('token').value.trim();
    if (t) sessionStorage.setItem(TOKEN_KEY, t); else sessionStorage.removeItem(TOKEN_KEY);
    ref.loaded = false;
    ref.regions.clear(); ref.children.clear(); ref.cubes.clear();
    views.sql.schemaLoaded = false;
    status(t ? 'Token opgeslagen voor deze sessie.' : 'Token verwijderd.', 'ok');
    loadHealth();
    route(true);
  });
  for (const view of Object.keys(views)) {
    $('form-' + view).addEventListener('submit', (e) => { e.preventDefault(); submitView(view); });
    views[view].wire();
  }
  for (const b of document.querySelectorAll('[data-all]')) b.addEventListener('click', () => {
    for (const i of $(b.dataset.all).querySelectorAll('input')) i.checked = true;
  });
  for (const b of document.querySelectorAll('[data-none]')) b.addEventListener('click', () => {
    for (const i of $(b.dataset.none).querySelectorAll('input')) i.checked = false;
  });
  window.addEventListener('popstate', () => route());
  window.addEventListener('hashchange', () => route());
  loadHealth();
  route(true);
}

document.addEventListener('DOMContentLoaded', init);
