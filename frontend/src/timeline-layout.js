/**
 * Timeline geometry: which steps are visible, where a step's column is, where markers go,
 * and the overview strip. Pure functions over plain objects; the canvas code only draws
 * what these return.
 */
import { runsInRange, isOn } from './lanes.js';
import { eventStyle, eventTitle } from './vocabulary.js';

/** Returns a view: total steps, canvas width, label gutter, column width and the first visible step. */
export function createView({ total, width, labelWidth = 112, columnWidth = 16, first = 0 }) {
  const view = { total, width, labelWidth, columnWidth, first: 0 };
  return { ...view, first: clampFirst(first, view) };
}

/** Returns how many whole columns fit right of the label gutter (at least 1). */
export function columnsThatFit(view) {
  return Math.max(1, Math.floor((view.width - view.labelWidth) / view.columnWidth));
}

function clampFirst(first, view) {
  const max = Math.max(0, view.total - columnsThatFit(view));
  return Math.max(0, Math.min(Math.round(first), max));
}

/** Returns the label gutter for a canvas width: narrower on phones. */
export function labelWidthFor(width) {
  return width && width < 560 ? 96 : 118;
}

/** The widest and narrowest columns: a short run fills the canvas up to the widest; zooming out stops at the narrowest. */
export const MAX_COLUMN = 160;
export const MIN_COLUMN = 1;

/** Returns the column width that lets a short run fill the canvas (16 to MAX_COLUMN px a column). */
export function fittingColumnWidth(total, width, labelWidth) {
  return Math.max(16, Math.min(MAX_COLUMN, Math.floor((width - labelWidth) / Math.max(1, total))));
}

/** Returns the column width that shows the whole run, or as much of it as the narrowest columns allow. */
export function fitAllColumnWidth(total, width, labelWidth) {
  return Math.max(MIN_COLUMN, Math.min(MAX_COLUMN, Math.floor((width - labelWidth) / Math.max(1, total))));
}

/** Returns the view a page starts with: columns fitted to the run, labels fitted to the width. */
export function initialView(total, width) {
  const labelWidth = labelWidthFor(width);
  return createView({ total, width, labelWidth, columnWidth: fittingColumnWidth(total, width, labelWidth) });
}

/** Returns the x of the left edge of a step's column. */
export function stepToX(step, view) {
  return view.labelWidth + (step - view.first) * view.columnWidth;
}

/** Returns the step under x, or -1 over the label gutter or past the last step. */
export function xToStep(x, view) {
  if (x < view.labelWidth) return -1;
  const step = view.first + Math.floor((x - view.labelWidth) / view.columnWidth);
  return step < view.total ? step : -1;
}

/** Returns the visible steps as a half-open range {from, to}. */
export function visibleRange(view) {
  return { from: view.first, to: Math.min(view.total, view.first + columnsThatFit(view)) };
}

/** Returns the view scrolled so that step is visible, keeping a margin of columns when it has to move. */
export function follow(view, step, margin = 3) {
  const { from, to } = visibleRange(view);
  const columns = columnsThatFit(view);
  const m = Math.min(margin, Math.floor((columns - 1) / 2));
  if (step < from + m) return { ...view, first: clampFirst(step - m, view) };
  if (step >= to - m) return { ...view, first: clampFirst(step - columns + 1 + m, view) };
  return view;
}

/** Returns the view scrolled by a number of columns (negative: to the left). */
export function scrollBy(view, columns) {
  return { ...view, first: clampFirst(view.first + columns, view) };
}

/** Returns the view with a new width or total, keeping the first step where possible. */
export function resize(view, changes) {
  const next = { ...view, ...changes };
  return { ...next, first: clampFirst(next.first, next) };
}

/** Returns the view zoomed in (factor > 1) or out, keeping the anchor step under the same x. Columns stay MIN_COLUMN..MAX_COLUMN px. */
export function zoom(view, factor, anchorStep) {
  const scaled = Math.round(view.columnWidth * factor);
  // a factor that rounds back to the same width still moves by one pixel, so small wheel deltas zoom
  const stepped = scaled === view.columnWidth ? view.columnWidth + Math.sign(factor - 1) : scaled;
  const columnWidth = Math.max(MIN_COLUMN, Math.min(MAX_COLUMN, stepped));
  const offset = (anchorStep - view.first) * view.columnWidth;
  const next = { ...view, columnWidth };
  return { ...next, first: clampFirst(anchorStep - offset / columnWidth, next) };
}

/** Returns the step numbers to label in the visible range: multiples of a 1-2-5 step at least minGapPx apart. */
export function ticks(view, minGapPx = 56) {
  const minSteps = Math.max(1, Math.ceil(minGapPx / view.columnWidth));
  let every = 1;
  for (let base = 1; ; base *= 10) {
    const k = [1, 2, 5].find((m) => m * base >= minSteps);
    if (k) {
      every = k * base;
      break;
    }
  }
  const { from, to } = visibleRange(view);
  const out = [];
  for (let s = Math.ceil(from / every) * every; s < to; s += every) out.push(s);
  return out;
}

/**
 * Rows of the lanes canvas, top to bottom: event markers, (on the scenario page) a second line
 * for the labels that do not fit beside their marker and the KVM_RUN phases when the trace has
 * them, step numbers, then (on the scenario page) the where track and one row per frame depth,
 * then one row per lane.
 */
export const GEOMETRY = { markerRow: 22, labelRow: 0, tickRow: 18, phaseRow: 0, whereRow: 0, frameRow: 16, frameRows: 0, laneHeight: 17 };

/** The where track and its frame rows, when the page draws them: at most this many frame rows. */
export const MAX_FRAME_ROWS = 4;

/**
 * Returns the geometry with a where track (where: true), a label line under the markers, frameRows
 * rows of frames, and a phase row when phases is true (the steps carry a KVM_RUN phase); whereTracks
 * where tracks one above the other (the compare page: one per run), and laneHeight when lanes are
 * packed tighter than GEOMETRY's.
 */
export function geometryFor({ where = false, frameRows = 0, phases = false, whereTracks = 1, laneHeight = GEOMETRY.laneHeight } = {}) {
  const base = laneHeight === GEOMETRY.laneHeight ? GEOMETRY : { ...GEOMETRY, laneHeight };
  return where
    ? { ...base, labelRow: 13, phaseRow: phases ? 16 : 0, whereRow: 20, whereTracks, frameRows: Math.min(MAX_FRAME_ROWS, frameRows) }
    : base;
}

/** Returns the y of the top of where track i (0 when there is one). */
export function whereTrackTop(i, geometry = GEOMETRY) {
  return whereTop(geometry) + i * geometry.whereRow;
}

/** Returns the y of the top of the phase row (under the markers and their label line; empty when the geometry has none). */
export function phaseTop(geometry = GEOMETRY) {
  return geometry.markerRow + (geometry.labelRow ?? 0);
}

/** Returns the y of the top of the step-number row. */
export function tickTop(geometry = GEOMETRY) {
  return phaseTop(geometry) + (geometry.phaseRow ?? 0);
}

/** Returns the y of the top of the where track. */
export function whereTop(geometry = GEOMETRY) {
  return tickTop(geometry) + geometry.tickRow;
}

/** Returns the y of the top of the frame row at a depth (0: the outermost handler). */
export function frameTop(depth, geometry = GEOMETRY) {
  return whereTop(geometry) + geometry.whereRow * (geometry.whereTracks ?? 1) + depth * geometry.frameRow;
}

/** Returns the y of the top of lane i. */
export function laneTop(i, geometry = GEOMETRY) {
  return frameTop(geometry.frameRows, geometry) + i * geometry.laneHeight;
}

/** Returns the canvas height for a number of lanes. */
export function lanesHeight(count, geometry = GEOMETRY) {
  return laneTop(count, geometry) + 2;
}

/**
 * Returns what is at y: {row: 'marker'} (the markers and their label line), {row: 'phase'},
 * {row: 'tick'}, {row: 'where'} (with track, its index, when there are several), {row: 'frame', depth},
 * {row: 'lane', lane: i}, or null below the last lane.
 */
export function rowAt(y, count, geometry = GEOMETRY) {
  if (y < 0) return null;
  if (y < phaseTop(geometry)) return { row: 'marker' };
  if (y < tickTop(geometry)) return { row: 'phase' };
  if (y < whereTop(geometry)) return { row: 'tick' };
  if (y < frameTop(0, geometry)) {
    return (geometry.whereTracks ?? 1) > 1 ? { row: 'where', track: Math.floor((y - whereTop(geometry)) / geometry.whereRow) } : { row: 'where' };
  }
  if (y < laneTop(0, geometry)) return { row: 'frame', depth: Math.floor((y - frameTop(0, geometry)) / geometry.frameRow) };
  const lane = Math.floor((y - laneTop(0, geometry)) / geometry.laneHeight);
  return lane < count ? { row: 'lane', lane } : null;
}

/**
 * Returns the text to draw in a slice width px wide: the first of names (longest first) that
 * fits, else the last cut short with "…", else '' when not even one letter fits. measure(text)
 * returns a width in px.
 */
export function fitText(names, width, measure, padding = 6) {
  const room = width - padding;
  for (const name of names) if (measure(name) <= room) return name;
  const last = names[names.length - 1] ?? '';
  // the longest cut that fits, by halving (a few measures, not one per letter, on every frame)
  const cut = (n) => last.slice(0, n) + '…';
  let lo = 0;
  let hi = last.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(cut(mid)) <= room) lo = mid;
    else hi = mid - 1;
  }
  return lo >= 1 ? cut(lo) : '';
}

// Event letters, shapes and names come from the one vocabulary (vocabulary.js, /api/vocabulary.json).
export { eventTitle };

/** Returns the marker of one event: {step, type, letter, shape, title}, an unknown type drawn as "?". */
export function markerFor(step, type, title, place = null) {
  const style = eventStyle(type);
  return { step, type, letter: style.letter, shape: style.shape, title, place };
}

/**
 * Returns what is written beside an event's marker: for an exit to userspace the exit
 * (KVM_EXIT_DEBUG), for any other event where it landed (a symbol, else an address).
 */
export function markerPlace(e) {
  if (e.type === 'exit_to_host' && e.exit) return e.exit;
  return (typeof e.label === 'string' && !e.label.startsWith('0x') ? e.label : null) ?? e.at ?? null;
}

/** Returns one marker per event, ordered by step: {step, type, letter, shape, title, place (see markerPlace)}. */
export function markers(events) {
  return (events ?? [])
    .map((e) => markerFor(e.step, e.type, eventTitle(e), markerPlace(e)))
    .sort((a, b) => a.step - b.step);
}

/** Returns the steps of the exits to userspace (exit_to_host events), sorted: a line runs down the timeline at each. */
export function userspaceExits(events) {
  return [...new Set((events ?? []).filter((e) => e.type === 'exit_to_host').map((e) => e.step))].sort((a, b) => a - b);
}

/** Returns the markers whose step is in from..to-1 (markers sorted by step). */
export function markersInRange(list, from, to) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].step < from) lo = mid + 1;
    else hi = mid;
  }
  const out = [];
  for (let i = lo; i < list.length && list[i].step < to; i++) out.push(list[i]);
  return out;
}

/**
 * Returns the overview of one lane at widthPx pixels: for each pixel, the fraction (0..1)
 * of its steps where the lane is on (on(value), isOn unless the lane says otherwise). Pixels
 * past the encoded steps are null.
 */
export function overviewBuckets(runs, total, encoded, widthPx, on = isOn) {
  const out = new Array(widthPx).fill(null);
  if (total <= 0) return out;
  const perPx = total / widthPx;
  for (let px = 0; px < widthPx; px++) {
    const from = Math.floor(px * perPx);
    const to = Math.max(from + 1, Math.floor((px + 1) * perPx));
    if (from >= encoded) break;
    let count = 0;
    for (const r of runsInRange(runs, from, Math.min(to, encoded))) {
      if (on(r.value)) count += r.end - r.start;
    }
    out[px] = count / (to - from);
  }
  return out;
}

/** Returns the overview pixel span {x, w} that shows the visible window (at least 2 px wide). */
export function overviewWindow(view, widthPx) {
  if (view.total <= 0) return { x: 0, w: widthPx };
  const { from, to } = visibleRange(view);
  const x = (from / view.total) * widthPx;
  return { x, w: Math.max(2, ((to - from) / view.total) * widthPx) };
}

/** Returns the step at overview pixel x. */
export function overviewToStep(x, total, widthPx) {
  return Math.max(0, Math.min(total - 1, Math.floor((x / widthPx) * total)));
}
