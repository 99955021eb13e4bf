/**
 * One timeline for two runs: each run's lanes, where track, frames and markers moved from its own
 * step numbers onto the rows of the alignment (compare-rows.js), and the lanes interleaved per piece
 * of state (TF A, TF B, IF A, IF B, ...). A row where a run takes no step (the other run's host work,
 * or a step only the other run takes) is a gap on that run's lanes; a row where both runs take a
 * step and a lane's values differ is a difference of that pair. DOM-free: the page feeds the
 * timeline (timeline-view.js) with what these return.
 */
import { runsInRange, isOn } from './lanes.js';

export const SIDES = ['a', 'b'];

/**
 * Returns a mapper of one run's steps to rows (side 'a' or 'b'): {rowOf(step), stepOf(row)}, each
 * null where there is none; O(log spans) a call.
 */
export function rowMapper(spans, side) {
  const own = spans.filter((s) => s.op === 'm' || s.op === side);
  const startOf = (s) => (side === 'a' ? s.a : s.b);
  const find = (list, key, value) => {
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (key(list[mid]) <= value) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? null : list[found];
  };
  return {
    rowOf(step) {
      const s = find(own, startOf, step);
      return s && step < startOf(s) + s.length ? s.first + step - startOf(s) : null;
    },
    stepOf(row) {
      const s = find(spans, (x) => x.first, row);
      if (!s || row >= s.first + s.length || (s.op !== 'm' && s.op !== side)) return null;
      return startOf(s) + row - s.first;
    },
  };
}

/** Returns the rows where a run takes no step: [{start, end, host}], host when the other run is in its host there. */
export function gapRanges(spans, side) {
  const other = side === 'a' ? 'b' : 'a';
  return spans.filter((s) => s.op === other).map((s) => ({ start: s.first, end: s.first + s.length, host: s.host }));
}

/**
 * Returns one lane's runs ({start, end, value}, in the run's steps, of which the first `encoded`
 * have arrived) on the rows of the alignment: the values of the run's steps where it takes them,
 * nothing over its gaps, and nothing past what has arrived.
 */
export function runsOnRows(runs, spans, side, encoded) {
  const out = [];
  for (const s of spans) {
    if (s.op !== 'm' && s.op !== side) continue;
    const start = side === 'a' ? s.a : s.b;
    const end = Math.min(start + s.length, encoded);
    if (end <= start) continue;
    for (const r of runsInRange(runs ?? [], start, end)) {
      const from = r.start - start + s.first;
      const to = r.end - start + s.first;
      const last = out[out.length - 1];
      if (last && last.end === from && last.value === r.value) last.end = to;
      else out.push({ start: from, end: to, value: r.value });
    }
  }
  return out;
}

/** Returns how many leading rows have arrived for both runs (every step at or before them received). */
export function encodedRows(spans, encoded) {
  for (const s of spans) {
    for (const side of SIDES) {
      if (s.op !== 'm' && s.op !== side) continue;
      const start = side === 'a' ? s.a : s.b;
      if (start + s.length > encoded[side]) return s.first + Math.max(0, encoded[side] - start);
    }
  }
  return spans.length ? spans[spans.length - 1].first + spans[spans.length - 1].length : 0;
}

/**
 * Returns the interleaved lanes: for each lane either run uses (any value on, in present order),
 * its A lane then its B lane, {...lane, id: 'a:tf', base: 'tf', side: 'a', label: 'TF A', name: 'TF',
 * pairFirst (true on the pair's first lane), single (only one run's trace has the lane)}. used[side]
 * is the list of lane ids that run uses; has (optional) the set of lane ids each run's trace has.
 */
export function interleaveLanes(present, used, has = null) {
  const inUse = new Set([...used.a, ...used.b]);
  const out = [];
  for (const lane of present) {
    if (!inUse.has(lane.id)) continue;
    // a lane only one run's trace has (the VMCS lanes of a KVM run against bare metal) stays single
    const sides = has ? SIDES.filter((side) => has[side].has(lane.id)) : SIDES;
    for (const side of sides) {
      out.push({
        ...lane, id: side + ':' + lane.id, base: lane.id, side, name: lane.label, label: lane.label + ' ' + side.toUpperCase(),
        pairFirst: side === sides[0], single: sides.length === 1,
      });
    }
  }
  return out;
}

/** Returns the ids of the lanes a run's rows ever turn on. */
export function usedLaneIds(present, rowRuns) {
  return present.filter((lane) => (rowRuns[lane.id] ?? []).some((r) => isOn(r.value))).map((lane) => lane.id);
}

/**
 * Returns the rows where a pair of lanes differs: [{start, end}] where both runs take a step and
 * the two values are not the same (two run lists on rows, sorted; rows missing from one are gaps).
 */
export function differingRanges(a, b) {
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i].start, b[j].start);
    const end = Math.min(a[i].end, b[j].end);
    if (start < end && !sameValue(a[i].value, b[j].value)) {
      const last = out[out.length - 1];
      if (last && last.end === start) last.end = end;
      else out.push({ start, end });
    }
    if (a[i].end <= b[j].end) i++;
    else j++;
  }
  return out;
}

const sameValue = (x, y) => x === y || (!isOn(x) && !isOn(y));

/**
 * Returns the model of the one timeline: {lanes, runs (by interleaved lane id), differing (by base
 * lane id), gaps ({a, b}), encoded (rows arrived)} from each side's {present, runs, encoded}.
 */
export function compareModel(spans, sides) {
  const rowRuns = {};
  const used = {};
  for (const side of SIDES) {
    const { present, runs, encoded } = sides[side];
    rowRuns[side] = Object.fromEntries(present.map((lane) => [lane.id, runsOnRows(runs?.[lane.id], spans, side, encoded)]));
    used[side] = usedLaneIds(present, rowRuns[side]);
  }
  const present = [...sides.a.present, ...sides.b.present.filter((l) => !sides.a.present.some((m) => m.id === l.id))];
  const has = { a: new Set(sides.a.present.map((l) => l.id)), b: new Set(sides.b.present.map((l) => l.id)) };
  let lanes = interleaveLanes(present, used, has);
  if (!lanes.length && present.length) lanes = interleaveLanes(present.slice(0, 1), { a: [present[0].id], b: [] });
  const runs = {};
  const differing = {};
  for (const lane of lanes) {
    runs[lane.id] = rowRuns[lane.side][lane.base] ?? [];
    if (lane.side === 'b' && !lane.single) differing[lane.base] = differingRanges(rowRuns.a[lane.base] ?? [], rowRuns.b[lane.base] ?? []);
  }
  return {
    lanes, runs, differing,
    gaps: { a: gapRanges(spans, 'a'), b: gapRanges(spans, 'b') },
    encoded: encodedRows(spans, { a: sides.a.encoded, b: sides.b.encoded }),
  };
}

/**
 * Returns both runs' event markers on rows, sorted: each marker keeps its fields, gets the row as
 * step and side 'a' or 'b'; a marker both runs have at one row (same type and title) is kept once, side 'ab'.
 */
export function markersOnRows(markers, mappers) {
  const out = [];
  const seen = new Map();
  for (const side of SIDES) {
    for (const m of markers[side] ?? []) {
      const row = mappers[side].rowOf(m.step);
      if (row === null) continue;
      const key = row + '\u0000' + m.type + '\u0000' + m.title;
      const twin = side === 'b' ? seen.get(key) : undefined;
      if (twin) {
        twin.side = 'ab';
        continue;
      }
      const placed = { ...m, step: row, side, title: m.title };
      if (side === 'a') seen.set(key, placed);
      out.push(placed);
    }
  }
  for (const m of out) if (m.side !== 'ab') m.title = m.side.toUpperCase() + ' only: ' + m.title;
  return out.sort((x, y) => x.step - y.step);
}

/**
 * Returns a run's frames (a frame mirror: {byDepth, open, depth}) on rows: each frame starts at the
 * row of its first step and ends after the row of its last, so a gap inside it stays inside it.
 */
export function framesOnRows(mirror, mapper) {
  const move = (f) => {
    const start = mapper.rowOf(f.start);
    const last = mapper.rowOf(f.end - 1);
    return start === null || last === null ? null : { ...f, start, end: last + 1 };
  };
  return {
    byDepth: mirror.byDepth.map((list) => list.map(move).filter(Boolean)),
    open: mirror.open.map((f) => (f ? move(f) : null)),
    depth: mirror.depth,
  };
}
