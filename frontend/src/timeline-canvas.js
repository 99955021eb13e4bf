/**
 * Paints the timeline and the overview. A thin loop over what timeline-layout.js and
 * lanes.js compute; nothing here decides where anything goes.
 */
import { runsInRange, isOn } from './lanes.js';
import { markerPlacement } from './finding-markers.js';
import {
  GEOMETRY, laneTop, lanesHeight, stepToX, visibleRange, ticks, markersInRange, overviewBuckets, overviewWindow,
} from './timeline-layout.js';

const COLOR_VARS = {
  bg: '--bg-raised', fg: '--fg', muted: '--muted', grid: '--grid', notLoaded: '--not-loaded', focus: '--focus',
  current: '--current-bg', laneText: '--lane-text',
  flags: '--lane-flag', shadow: '--lane-shadow', dr6: '--lane-dr6', pending: '--lane-pending', apic: '--lane-apic', vmx: '--lane-vmx',
  db: '--marker-db', irq: '--marker-irq', other: '--marker-other', warning: '--marker-warning', info: '--marker-info',
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

const markerColor = (type, c) => (type === 'db' || type === 'bp' ? c.db : type === 'irq' ? c.irq : c.other);

function drawShape(ctx, shape, cx, cy, r) {
  ctx.beginPath();
  if (shape === 'circle') ctx.arc(cx, cy, r, 0, Math.PI * 2);
  else if (shape === 'triangle') { ctx.moveTo(cx, cy - r); ctx.lineTo(cx + r, cy + r * 0.8); ctx.lineTo(cx - r, cy + r * 0.8); ctx.closePath(); }
  else if (shape === 'diamond') { ctx.moveTo(cx, cy - r); ctx.lineTo(cx + r, cy); ctx.lineTo(cx, cy + r); ctx.lineTo(cx - r, cy); ctx.closePath(); }
  else ctx.rect(cx - r * 0.85, cy - r * 0.85, r * 1.7, r * 1.7);
  ctx.fill();
}

/**
 * Paints the lanes canvas. model: {view, lanes, runs, encoded, markers, findingMarkers, current, hoverStep, colors,
 * font, divergence (optional: a step to outline)}.
 * Steps at or past `encoded` have not arrived yet and are drawn as a flat band.
 */
export function paintLanes(ctx, model) {
  const { view, lanes, runs, encoded, current, hoverStep, colors: c } = model;
  const g = GEOMETRY;
  const height = lanesHeight(lanes.length);
  const { from, to } = visibleRange(view);
  const w = view.columnWidth;
  ctx.clearRect(0, 0, view.width, height);
  ctx.font = '12px ' + model.font;
  ctx.textBaseline = 'middle';

  // steps not received yet
  if (encoded < to) {
    const x = stepToX(Math.max(from, encoded), view);
    ctx.fillStyle = c.notLoaded;
    ctx.fillRect(x, laneTop(0), view.width - x, laneTop(lanes.length) - laneTop(0));
  }

  // current and hovered columns
  if (current >= from && current < to) {
    ctx.fillStyle = c.current;
    ctx.fillRect(stepToX(current, view), 0, w, height);
  }
  if (hoverStep >= from && hoverStep < to && hoverStep !== current) {
    ctx.strokeStyle = c.muted;
    ctx.lineWidth = 1;
    ctx.strokeRect(stepToX(hoverStep, view) + 0.5, g.markerRow + 0.5, w - 1, height - g.markerRow - 1);
  }

  // grid: a line per lane, a line per column when columns are wide enough
  ctx.fillStyle = c.grid;
  for (let i = 0; i <= lanes.length; i++) ctx.fillRect(0, laneTop(i), view.width, 1);
  if (w >= 8) for (let s = from; s <= to; s++) ctx.fillRect(stepToX(s, view), laneTop(0), 1, laneTop(lanes.length) - laneTop(0));

  // step numbers
  ctx.fillStyle = c.muted;
  ctx.textAlign = 'left';
  for (const s of ticks(view)) {
    const x = stepToX(s, view);
    ctx.fillRect(x, g.markerRow + g.tickRow - 5, 1, 5);
    ctx.fillText(String(s), x + 2, g.markerRow + g.tickRow / 2 - 1);
  }

  // lanes: a bar where the lane is on, with its text when it fits
  for (let i = 0; i < lanes.length; i++) {
    const lane = lanes[i];
    const y = laneTop(i);
    ctx.fillStyle = c.fg;
    ctx.textAlign = 'left';
    ctx.fillText(lane.label, 6, y + g.laneHeight / 2);
    const list = runs ? runs[lane.id] : null;
    if (!list) continue;
    for (const r of runsInRange(list, from, Math.min(to, encoded))) {
      if (!isOn(r.value)) continue;
      const x = stepToX(r.start, view) + 1;
      const width = (r.end - r.start) * w - 2;
      ctx.fillStyle = c[lane.group] || c.flags;
      ctx.fillRect(x, y + 3, Math.max(1, width), g.laneHeight - 5);
      if (typeof r.value === 'string') {
        const label = r.value;
        if (ctx.measureText(label).width + 6 <= width) {
          ctx.fillStyle = c.laneText;
          ctx.fillText(label, x + 3, y + g.laneHeight / 2);
        }
      }
    }
  }

  // event markers, then finding markers: shape and letter, so colour is not the only signal
  ctx.textAlign = 'center';
  ctx.font = 'bold 11px ' + model.font;
  const events = markersInRange(model.markers, from, to);
  const findings = markersInRange(model.findingMarkers ?? [], from, to);
  const findingSteps = new Set(findings.map((m) => m.step));
  const eventSteps = new Set(events.map((m) => m.step));
  for (const m of events) {
    const p = markerPlacement(stepToX(m.step, view), w, g.markerRow, { event: true, finding: findingSteps.has(m.step) }).event;
    ctx.fillStyle = markerColor(m.type, c);
    drawShape(ctx, m.shape, p.cx, p.cy, p.r);
    if (p.letter) {
      ctx.fillStyle = c.laneText;
      ctx.fillText(m.letter, p.cx, p.cy + 0.5);
    }
  }
  for (const m of findings) {
    const p = markerPlacement(stepToX(m.step, view), w, g.markerRow, { event: eventSteps.has(m.step), finding: true }).finding;
    if (p.badge) {
      ctx.fillStyle = c.bg; // a rim in the background colour sets the badge off the event marker under it
      drawShape(ctx, m.shape, p.cx, p.cy, p.r + 1.5);
    }
    ctx.fillStyle = c[m.severity] || c.other;
    drawShape(ctx, m.shape, p.cx, p.cy, p.r);
    if (p.letter) {
      ctx.fillStyle = c.laneText;
      ctx.fillText(m.letter, p.cx, p.cy + p.r * 0.3);
    }
  }

  // the first step where two compared runs differ: a dashed outline
  const divergence = model.divergence;
  if (divergence !== undefined && divergence !== null && divergence >= from && divergence < to) {
    ctx.save();
    ctx.strokeStyle = c.db;
    ctx.lineWidth = 2;
    ctx.setLineDash([4, 3]);
    ctx.strokeRect(stepToX(divergence, view) + 1, g.markerRow, w - 2, height - g.markerRow - 1);
    ctx.restore();
  }

  // the current step: an outline, drawn last so nothing covers it
  if (current >= from && current < to) {
    ctx.strokeStyle = c.focus;
    ctx.lineWidth = 2;
    ctx.strokeRect(stepToX(current, view) + 1, 1, w - 2, height - 2);
  }

  // the label gutter covers nothing: draw its edge
  ctx.fillStyle = c.grid;
  ctx.fillRect(view.labelWidth - 1, 0, 1, height);
}

/** Returns the overview shading of every lane (see overviewBuckets), to be painted by paintOverview. */
export function overviewRows(lanes, runs, total, encoded, width) {
  return runs ? lanes.map((lane) => overviewBuckets(runs[lane.id], total, encoded, Math.floor(width))) : [];
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
