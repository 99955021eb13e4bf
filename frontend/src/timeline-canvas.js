/**
 * Paints the timeline and the overview. A thin loop over what timeline-layout.js and
 * lanes.js compute; nothing here decides where anything goes.
 */
import { runsInRange, isOn } from './lanes.js';
import { placeMarkers, mergeByStep, groupLabel, placeLabels } from './timeline-markers.js';
import { framesInRange, frameNames } from './timeline-frames.js';
import { flowsInRange } from './timeline-flows.js';
import { phaseBands, phaseNames } from './timeline-phases.js';
import { runnerStyle } from './vocabulary.js';
import {
  GEOMETRY, laneTop, lanesHeight, whereTop, whereTrackTop, frameTop, tickTop, phaseTop, stepToX, visibleRange, ticks, markersInRange, overviewBuckets, overviewWindow, fitText,
} from './timeline-layout.js';

const COLOR_VARS = {
  bg: '--bg-raised', fg: '--fg', muted: '--muted', grid: '--grid', notLoaded: '--not-loaded', focus: '--focus',
  current: '--current-bg', laneText: '--lane-text', scheme: '--scheme', phase: '--phase-band', runs: '--lane-vmx',
  flags: '--lane-flag', shadow: '--lane-shadow', dr6: '--lane-dr6', pending: '--lane-pending', apic: '--lane-apic', vmx: '--lane-vmx',
  db: '--marker-db', irq: '--marker-irq', other: '--marker-other', warning: '--marker-warning', info: '--marker-info',
  held: '--lane-held', guest: '--track-guest', search: '--search-mark', range: '--range-bg',
  gap: '--lane-gap', pair: '--lane-pair',
};

/** Returns the theme colours from the CSS custom properties of an element. */
export function readColors(element) {
  const style = getComputedStyle(element);
  return Object.fromEntries(Object.entries(COLOR_VARS).map(([k, v]) => [k, style.getPropertyValue(v).trim()]));
}

/** Sizes a canvas for the device pixel ratio and returns its 2D context scaled to CSS pixels. */
export function fitCanvas(canvas, cssWidth, cssHeight) {
  const ratio = window.devicePixelRatio || 1;
  canvas.style.height = cssHeight + 'px';
  if (canvas.width !== Math.round(cssWidth * ratio) || canvas.height !== Math.round(cssHeight * ratio)) {
    canvas.width = Math.round(cssWidth * ratio);
    canvas.height = Math.round(cssHeight * ratio);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

const markerColor = (type, c) => (type === 'db' || type === 'bp' ? c.db : type === 'irq' ? c.irq : type === 'finding' ? c.info : c.other);
const sliceColor = (kind, c) => ({ db: c.db, irq: c.irq, host: c.vmx, nmi: c.other, exception: c.other, guest: c.guest, missing: c.notLoaded })[kind] ?? c.other;
const flowColor = (kind, c) => ({ db: c.db, irq: c.irq })[kind] ?? c.vmx;

function drawShape(ctx, shape, cx, cy, r) {
  ctx.beginPath();
  if (shape === 'circle') ctx.arc(cx, cy, r, 0, Math.PI * 2);
  else if (shape === 'triangle') { ctx.moveTo(cx, cy - r); ctx.lineTo(cx + r, cy + r * 0.8); ctx.lineTo(cx - r, cy + r * 0.8); ctx.closePath(); }
  else if (shape === 'diamond') { ctx.moveTo(cx, cy - r); ctx.lineTo(cx + r, cy); ctx.lineTo(cx, cy + r); ctx.lineTo(cx - r, cy); ctx.closePath(); }
  else if (shape === 'pill') { ctx.roundRect(cx - r, cy - 7, 2 * r, 14, 7); }
  else ctx.rect(cx - r * 0.85, cy - r * 0.85, r * 1.7, r * 1.7);
  ctx.fill();
}

/** A measureText with memory: slice labels repeat from frame to frame. */
function measurer(ctx) {
  const cache = measurer.cache ?? (measurer.cache = new Map());
  return (text) => {
    const key = ctx.font + '\u0000' + text;
    let w = cache.get(key);
    if (w === undefined) {
      if (cache.size > 4000) cache.clear();
      w = ctx.measureText(text).width;
      cache.set(key, w);
    }
    return w;
  };
}

/** Returns a diagonal hatch pattern in a colour (held events), made once per colour. */
function hatch(ctx, color) {
  const patterns = hatch.patterns ?? (hatch.patterns = new Map());
  if (!patterns.has(color) && typeof OffscreenCanvas !== 'undefined') {
    const tile = new OffscreenCanvas(6, 6);
    const t = tile.getContext('2d');
    t.strokeStyle = color;
    t.lineWidth = 1.5;
    t.beginPath();
    t.moveTo(0, 6); t.lineTo(6, 0); t.moveTo(-1, 1); t.lineTo(1, -1); t.moveTo(5, 7); t.lineTo(7, 5);
    t.stroke();
    patterns.set(color, ctx.createPattern(tile, 'repeat'));
  }
  return patterns.get(color) ?? color;
}

/**
 * Returns the hatch of a compared pair's difference: lines the other way from the held hatch (so a
 * held event and a difference never look alike), made once per colour.
 */
function differenceHatch(ctx, color) {
  const patterns = differenceHatch.patterns ?? (differenceHatch.patterns = new Map());
  if (!patterns.has(color) && typeof OffscreenCanvas !== 'undefined') {
    const tile = new OffscreenCanvas(6, 6);
    const t = tile.getContext('2d');
    t.strokeStyle = color;
    t.lineWidth = 1.5;
    t.beginPath();
    t.moveTo(0, 0); t.lineTo(6, 6); t.moveTo(5, -1); t.lineTo(7, 1); t.moveTo(-1, 5); t.lineTo(1, 7);
    t.stroke();
    patterns.set(color, ctx.createPattern(tile, 'repeat'));
  }
  return patterns.get(color) ?? color;
}

/** Paints one slice of the where track or a frame row: a bar with the longest of its names that fits. */
function paintSlice(ctx, view, to, slice, y, h, c, measure) {
  const x0 = stepToX(Math.max(slice.start, view.first), view);
  const x1 = stepToX(Math.min(slice.end, to), view);
  const w = x1 - x0 - 1;
  if (w <= 0 || slice.kind === 'gap') return;
  ctx.fillStyle = sliceColor(slice.kind, c);
  ctx.fillRect(x0 + 0.5, y, Math.max(1, w), h);
  if (slice.missing || w < 10) return;
  const text = fitText(slice.names, w, measure);
  if (!text) return;
  ctx.fillStyle = slice.kind === 'guest' ? c.fg : c.laneText;
  ctx.fillText(text, x0 + 3.5, y + h / 2 + 0.5);
}

/** Paints an arrow from the centre of one column to another, arching over the where track. */
function paintFlow(ctx, view, flow, y, color) {
  const w = view.columnWidth;
  const x0 = stepToX(flow.from, view) + w / 2;
  const x1 = stepToX(flow.to, view) + w / 2;
  const lift = Math.min(14, 4 + (x1 - x0) / 12);
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(x0, y);
  ctx.quadraticCurveTo((x0 + x1) / 2, y - lift * 2, x1, y);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x1, y + 0.5);
  ctx.lineTo(x1 - 4, y - 5);
  ctx.lineTo(x1 + 2.5, y - 5.5);
  ctx.closePath();
  ctx.fill();
  if (flow.via === undefined) return;
  // the step the effect became pending at, a dot on the arc (a quadratic's point at t)
  const t = (flow.via - flow.from) / (flow.to - flow.from);
  const xv = (1 - t) ** 2 * x0 + 2 * t * (1 - t) * ((x0 + x1) / 2) + t * t * x1;
  const yv = (1 - t) ** 2 * y + 2 * t * (1 - t) * (y - lift * 2) + t * t * y;
  ctx.beginPath();
  ctx.arc(xv, yv, 2.5, 0, Math.PI * 2);
  ctx.fill();
}

/** Returns a runner band's colour in the page's theme (the vocabulary's pair), else the host lane's colour. */
const runnerColor = (id, c) => runnerStyle(id)[c.scheme === 'dark' ? 'dark' : 'light'] || c.vmx;

/**
 * Paints the lanes canvas. model: {view, lanes, runs, encoded, markers, findingMarkers, current, hoverStep, colors,
 * font, divergence (optional: a step to outline), geometry, where (optional: {slices, frames, flows}),
 * marks (optional: steps to mark, sorted), markKind ('listing' or 'search'), marksOutline (false: the
 * marks get only their bar under the step numbers), range (optional: {from, to}),
 * phases (optional: the runs of the KVM_RUN phase track), exits (optional: the steps of exits to userspace, sorted)}.
 * Steps at or past `encoded` have not arrived yet and are drawn as a flat band. Returns {labels}: the
 * marker labels painted ([{x, text, row, step}]).
 * Two compared runs on one axis (the compare page, compare-lanes.js) add: whereTracks ([{label,
 * slices}], one where track each, instead of where), lanes with a side ('a' or 'b', interleaved in
 * pairs: the pair's name is written once, the side letter beside each), gaps ({a, b}: [{start, end}]
 * where that run takes no step, drawn as empty ground) and differing ({base lane id: [{start, end}]},
 * hatched across both lanes of the pair).
 */
export function paintLanes(ctx, model) {
  const { view, lanes, runs, encoded, current, hoverStep, colors: c } = model;
  const g = model.geometry ?? GEOMETRY;
  const height = lanesHeight(lanes.length, g);
  const { from, to } = visibleRange(view);
  const w = view.columnWidth;
  const measure = measurer(ctx);
  ctx.clearRect(0, 0, view.width, height);
  ctx.font = '12px ' + model.font;
  ctx.textBaseline = 'middle';

  // compared runs: every other pair of lanes on a tinted ground, so a pair reads as one piece of state
  ctx.fillStyle = c.pair;
  let pairIndex = 0;
  for (let i = 0; i < lanes.length; i++) {
    if (!lanes[i].side || !lanes[i].pairFirst) continue;
    if (pairIndex++ % 2) ctx.fillRect(0, laneTop(i, g) + 1, view.width, (lanes[i].single ? 1 : 2) * g.laneHeight - 1);
  }

  // steps not received yet
  if (encoded < to) {
    const x = stepToX(Math.max(from, encoded), view);
    ctx.fillStyle = c.notLoaded;
    ctx.fillRect(x, whereTop(g), view.width - x, laneTop(lanes.length, g) - whereTop(g));
  }

  // a selected range, then the current and hovered columns
  const range = model.range;
  if (range && range.to > from && range.from < to) {
    const x0 = stepToX(Math.max(range.from, from), view);
    ctx.fillStyle = c.range;
    ctx.fillRect(x0, tickTop(g), stepToX(Math.min(range.to, to), view) - x0, height - tickTop(g));
  }
  if (current >= from && current < to) {
    ctx.fillStyle = c.current;
    ctx.fillRect(stepToX(current, view), 0, w, height);
  }
  if (hoverStep >= from && hoverStep < to && hoverStep !== current) {
    ctx.strokeStyle = c.muted;
    ctx.lineWidth = 1;
    ctx.strokeRect(stepToX(hoverStep, view) + 0.5, tickTop(g) + 0.5, w - 1, height - tickTop(g) - 1);
  }

  // grid: a line per lane, a line per column when columns are wide enough
  ctx.fillStyle = c.grid;
  for (let i = 0; i <= lanes.length; i++) ctx.fillRect(0, laneTop(i, g), view.width, 1);
  if (w >= 8) for (let s = from; s <= to; s++) ctx.fillRect(stepToX(s, view), laneTop(0, g), 1, laneTop(lanes.length, g) - laneTop(0, g));

  // step numbers
  ctx.fillStyle = c.muted;
  ctx.textAlign = 'left';
  for (const s of ticks(view)) {
    const x = stepToX(s, view);
    ctx.fillRect(x, tickTop(g) + g.tickRow - 5, 1, 5);
    ctx.fillText(String(s), x + 2, tickTop(g) + g.tickRow / 2 - 1);
  }

  // the KVM_RUN calls: a band per call with its number, and a line down the timeline where the next one starts
  const separators = [];
  if (g.phaseRow && model.phases) {
    const y = phaseTop(g);
    ctx.fillStyle = c.fg;
    ctx.fillText('KVM_RUN', 6, y + g.phaseRow / 2);
    ctx.font = '11px ' + model.font;
    for (const band of phaseBands(model.phases, from, Math.min(to, encoded))) {
      const x0 = stepToX(band.start, view);
      const bw = (band.end - band.start) * w;
      ctx.fillStyle = c.phase;
      ctx.fillRect(x0 + 1, y + 2, Math.max(1, bw - 2), g.phaseRow - 4);
      const text = fitText(phaseNames(band.phase), bw - 2, measure);
      if (text) {
        ctx.fillStyle = c.fg;
        ctx.fillText(text, x0 + 4, y + g.phaseRow / 2 + 0.5);
      }
      if (band.first) separators.push(x0);
    }
    ctx.font = '12px ' + model.font;
  }

  // the where track and the frames under it
  const where = model.where;
  if (where && g.whereRow) {
    const y = whereTop(g);
    ctx.fillStyle = c.fg;
    ctx.fillText('where', 6, y + g.whereRow / 2);
    ctx.font = '11px ' + model.font;
    for (const slice of where.slices) paintSlice(ctx, view, to, slice, y + 2, g.whereRow - 4, c, measure);
    for (let depth = 0; depth < g.frameRows; depth++) {
      const fy = frameTop(depth, g);
      if (depth === 0) {
        ctx.fillStyle = c.fg;
        ctx.fillText('handlers', 6, fy + g.frameRow / 2);
      }
      for (const frame of framesInRange(where.frames, depth, from, to)) {
        paintSlice(ctx, view, to, { start: frame.start, end: frame.end, kind: frame.kind, names: frameNames(frame) },
          fy + 1, g.frameRow - 2, c, measure);
      }
    }
    ctx.font = '12px ' + model.font;
  }

  // one where track per compared run, each with the steps that run does not take left empty
  if (model.whereTracks && g.whereRow) {
    model.whereTracks.forEach((track, i) => {
      const y = whereTrackTop(i, g);
      ctx.fillStyle = c.fg;
      ctx.font = '12px ' + model.font;
      ctx.fillText(track.label, 6, y + g.whereRow / 2);
      ctx.font = '11px ' + model.font;
      for (const slice of track.slices) paintSlice(ctx, view, to, slice, y + 2, g.whereRow - 4, c, measure);
    });
    ctx.font = '12px ' + model.font;
  }

  // the rows where a compared pair of lanes differs: hatched ground under both lanes of the pair
  // (lines the other way from the held hatch, so a held event never reads as a difference); the
  // bars and their text stay readable on top, and a box drawn after them holds the pair together
  const differingBoxes = [];
  if (model.differing) {
    ctx.fillStyle = differenceHatch(ctx, c.db);
    for (let i = 0; i < lanes.length; i++) {
      const lane = lanes[i];
      if (lane.side !== 'a' || lanes[i + 1]?.base !== lane.base) continue;
      for (const r of runsInRange(model.differing[lane.base] ?? [], from, to)) {
        const box = { x: stepToX(r.start, view), y: laneTop(i, g), w: (r.end - r.start) * w, h: 2 * g.laneHeight };
        ctx.fillRect(box.x, box.y + 1, box.w, box.h - 2);
        differingBoxes.push(box);
      }
    }
  }

  // lanes: a bar where the lane is on, with its text when it fits; held events hatched
  for (let i = 0; i < lanes.length; i++) {
    const lane = lanes[i];
    const y = laneTop(i, g);
    ctx.fillStyle = c.fg;
    ctx.textAlign = 'left';
    if (lane.side) paintPairLabel(ctx, lane, view, y, g, model.gaps?.[lane.side], from, to, c, measure);
    else ctx.fillText(lane.label, 6, y + g.laneHeight / 2);
    const list = runs ? runs[lane.id] : null;
    if (!list) continue;
    const held = lane.group === 'held';
    for (const r of runsInRange(list, from, Math.min(to, encoded))) {
      if (!isOn(r.value)) continue;
      const x = stepToX(r.start, view) + 1;
      const width = (r.end - r.start) * w - 2;
      if (lane.kind === 'runner') {
        // who runs: a calm band per runner with its name (or letter), in the theme's text colour
        const style = runnerStyle(r.value);
        ctx.fillStyle = runnerColor(r.value, c);
        ctx.fillRect(x, y + 2, Math.max(1, width), g.laneHeight - 3);
        const text = fitText([style.name, style.letter], width, measure, 4);
        if (text) {
          ctx.fillStyle = c.fg;
          ctx.fillText(text, x + 3, y + g.laneHeight / 2 + 0.5);
        }
        continue;
      }
      if (held) {
        // held text is shown whole or in its short form ("held: IF=0"), never cut, on clear ground
        // with a bar of the held colour at its left; the hatching fills the rest of the run
        const label = [r.value, r.value.replace(/^.* held: /, 'held: ')].find((t) => measure(t) + 10 <= width);
        const textWidth = label ? measure(label) + 8 : 0;
        ctx.fillStyle = c.held;
        if (label) ctx.fillRect(x, y + 3, 2, g.laneHeight - 5);
        ctx.fillStyle = hatch(ctx, c.held);
        if (width - textWidth > 0) ctx.fillRect(x + textWidth, y + 3, Math.max(1, width - textWidth), g.laneHeight - 5);
        if (label) {
          ctx.fillStyle = c.fg;
          ctx.fillText(label, x + 5, y + g.laneHeight / 2);
        }
        continue;
      }
      ctx.fillStyle = c[lane.group] || c.flags;
      ctx.fillRect(x, y + 3, Math.max(1, width), g.laneHeight - 5);
      if (typeof r.value === 'string' && measure(r.value) + 6 <= width) {
        ctx.fillStyle = c.laneText;
        ctx.fillText(r.value, x + 3, y + g.laneHeight / 2);
      }
    }
  }

  ctx.strokeStyle = c.db;
  ctx.lineWidth = 1;
  for (const box of differingBoxes) ctx.strokeRect(box.x + 0.5, box.y + 0.5, box.w - 1, box.h - 1);

  // steps marked from the listing or by a search: a bar under the step numbers and an outline
  for (const s of marksInRange(model.marks ?? [], from, to)) {
    ctx.fillStyle = model.markKind === 'search' ? c.search : c.focus;
    ctx.fillRect(stepToX(s, view), tickTop(g) + g.tickRow - 3, Math.max(2, w), 3);
    if (w >= 4 && model.marksOutline !== false) {
      ctx.strokeStyle = ctx.fillStyle;
      ctx.lineWidth = 1;
      ctx.setLineDash([3, 2]);
      ctx.strokeRect(stepToX(s, view) + 0.5, whereTop(g) + 0.5, w - 1, height - whereTop(g) - 1);
      ctx.setLineDash([]);
    }
  }

  // flows: cause -> effect, over the where track
  if (where && g.whereRow) {
    for (const flow of flowsInRange(where.flows ?? [], from, to)) paintFlow(ctx, view, flow, whereTop(g) + 3, flowColor(flow.kind, c));
  }

  // where a KVM_RUN call starts after another: a line from the phase row down
  ctx.fillStyle = c.fg;
  for (const x of separators) ctx.fillRect(x - 0.5, phaseTop(g), 2, height - phaseTop(g));

  // exits to userspace: a dashed line down the timeline, under the marker that names the exit
  for (const s of marksInRange(model.exits ?? [], from, to)) {
    ctx.save();
    ctx.strokeStyle = c.other;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(stepToX(s, view) + w / 2, phaseTop(g));
    ctx.lineTo(stepToX(s, view) + w / 2, height);
    ctx.stroke();
    ctx.restore();
  }

  // event and finding markers, placed so that none overlaps another: shape and letter, so colour is not the only signal
  ctx.textAlign = 'center';
  ctx.font = 'bold 11px ' + model.font;
  const list = mergeByStep(markersInRange(model.markers, from, to), markersInRange(model.findingMarkers ?? [], from, to));
  const cy = g.markerRow / 2 + 1;
  const placed = placeMarkers(list, (s) => stepToX(s, view) + w / 2, w);
  for (const p of placed) {
    const m = p.members[0];
    const single = p.members.length === 1;
    ctx.fillStyle = m.type === 'finding' ? c[m.severity] || c.other : markerColor(m.type, c);
    if (single) drawShape(ctx, m.shape, p.cx, cy, p.r);
    else drawShape(ctx, 'pill', p.cx, cy, p.w / 2);
    ctx.fillStyle = c.laneText;
    ctx.fillText(single ? m.letter : groupLabel(p.members), p.cx, cy + (m.shape === 'triangle' && single ? p.r * 0.3 : 0.5));
  }
  // where each event landed (which exit, for an exit to userspace), beside its marker or on the line under the markers
  ctx.textAlign = 'left';
  ctx.font = '11px ' + model.font;
  ctx.fillStyle = c.fg;
  const labels = placeLabels(placed, measure, view.width - 2, { rows: g.labelRow ? 2 : 1 });
  for (const label of labels) ctx.fillText(label.text, label.x, label.row === 1 ? g.markerRow + g.labelRow / 2 : cy + 0.5);

  // the first step where two compared runs differ: a dashed outline
  const divergence = model.divergence;
  if (divergence !== undefined && divergence !== null && divergence >= from && divergence < to) {
    ctx.save();
    ctx.strokeStyle = c.db;
    ctx.lineWidth = 2;
    ctx.setLineDash([4, 3]);
    ctx.strokeRect(stepToX(divergence, view) + 1, tickTop(g), w - 2, height - tickTop(g) - 1);
    ctx.restore();
  }

  // the current step: an outline, drawn last so nothing covers it
  if (current >= from && current < to) {
    ctx.strokeStyle = c.focus;
    ctx.lineWidth = 2;
    ctx.strokeRect(stepToX(current, view) + 1, 1, Math.max(1, w - 2), height - 2);
  }

  // the label gutter covers nothing: draw its edge
  ctx.fillStyle = c.grid;
  ctx.fillRect(view.labelWidth - 1, 0, 1, height);
  return { labels };
}

/**
 * Paints the gutter of one lane of a compared pair (the pair's name on its first lane, the side
 * letter on each) and the steps its run does not take as empty ground with a dotted line through it.
 */
function paintPairLabel(ctx, lane, view, y, g, gaps, from, to, c, measure) {
  const mid = y + g.laneHeight / 2;
  // the name keeps clear of the side letters at the gutter's right edge
  if (lane.pairFirst) ctx.fillText(fitText([lane.name], view.labelWidth - 22, measure, 0), 6, lane.single ? mid : y + g.laneHeight);
  ctx.fillStyle = c.muted;
  ctx.textAlign = 'right';
  const font = ctx.font;
  ctx.font = 'bold 10px ' + font.replace(/^.*?px /, '');
  ctx.fillText(lane.side.toUpperCase(), view.labelWidth - 5, mid);
  ctx.font = font;
  ctx.textAlign = 'left';
  ctx.strokeStyle = c.muted;
  ctx.lineWidth = 1;
  ctx.setLineDash([2, 3]);
  for (const r of runsInRange(gaps ?? [], from, to)) {
    const x = stepToX(r.start, view);
    const width = (r.end - r.start) * view.columnWidth;
    ctx.fillStyle = c.gap;
    ctx.fillRect(x, y + 1, width, g.laneHeight - 1);
    ctx.beginPath();
    ctx.moveTo(x + 2, Math.round(mid) + 0.5);
    ctx.lineTo(x + width - 2, Math.round(mid) + 0.5);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  ctx.fillStyle = c.fg;
}

/** Returns the steps of a sorted list in from..to-1. */
function marksInRange(steps, from, to) {
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  const out = [];
  for (let i = lo; i < steps.length && steps[i] < to; i++) out.push(steps[i]);
  return out;
}

/** Returns the overview shading of every lane (see overviewBuckets), to be painted by paintOverview. */
export function overviewRows(lanes, runs, total, encoded, width) {
  return runs ? lanes.map((lane) => overviewBuckets(runs[lane.id], total, encoded, Math.floor(width), lane.overviewOn)) : [];
}

/**
 * Paints the overview strip: each lane as a thin row shaded by how often it is on, the
 * event markers as ticks on top, and the visible window as an outline.
 */
export function paintOverview(ctx, model) {
  const { width, height, lanes, buckets: rows, total, encoded, view, colors: c } = model;
  ctx.clearRect(0, 0, width, height);
  const markerBand = 6;
  const rowHeight = Math.max(1, (height - markerBand - 2) / Math.max(1, lanes.length));
  ctx.fillStyle = c.notLoaded;
  if (total > 0 && encoded < total) {
    const x = (encoded / total) * width;
    ctx.fillRect(x, markerBand, width - x, height - markerBand);
  }
  if (rows.length === lanes.length) {
    for (let i = 0; i < lanes.length; i++) {
      const buckets = rows[i];
      ctx.fillStyle = c[lanes[i].group] || c.flags;
      const y = markerBand + 1 + i * rowHeight;
      for (let px = 0; px < buckets.length; px++) {
        const f = buckets[px];
        if (!f) continue;
        ctx.globalAlpha = 0.35 + 0.65 * f;
        ctx.fillRect(px, y, 1, Math.max(1, rowHeight - 0.5));
      }
    }
    ctx.globalAlpha = 1;
  }
  for (const m of model.markers) {
    ctx.fillStyle = markerColor(m.type, c);
    ctx.fillRect(Math.floor((m.step / Math.max(1, total)) * width), 0, 2, markerBand);
  }
  for (const m of model.findingMarkers ?? []) {
    ctx.fillStyle = c[m.severity] || c.other;
    ctx.fillRect(Math.floor((m.step / Math.max(1, total)) * width), 0, 2, markerBand);
  }
  const win = overviewWindow(view, width);
  ctx.strokeStyle = c.focus;
  ctx.lineWidth = 2;
  ctx.strokeRect(win.x + 1, 1, Math.max(2, win.w - 2), height - 2);
}
