/**
 * Findings on the timeline: one triangle per step that has findings, lettered "!" when one
 * of them is a warning and "i" when all are notes, so that shape and letter (not colour)
 * say what it is. When an event marker shares the step, the two split the column if it is
 * wide enough, else the finding becomes a small badge at the column's top right corner.
 * DOM-free: the painter draws what markerPlacement returns.
 */

/** Severity names, in the words and letters the page uses. */
export const FINDING_STYLES = {
  warning: { letter: '!', word: 'Warning' },
  info: { letter: 'i', word: 'Info' },
};

/** Columns at least this wide hold an event marker and a finding marker side by side. */
export const SPLIT_WIDTH = 34;

/**
 * Returns one marker per step with findings, ordered by step:
 * {step, type: 'finding', severity, letter, shape: 'triangle', title, count}.
 * Findings about the whole run (no step) have no place on the timeline and get none.
 */
export function findingMarkers(findings) {
  const byStep = new Map();
  for (const f of findings ?? []) {
    if (f.step === null || f.step === undefined || !Number.isInteger(Number(f.step))) continue;
    const step = Number(f.step);
    const list = byStep.get(step) ?? [];
    list.push(f);
    byStep.set(step, list);
  }
  return [...byStep.entries()]
    .sort(([a], [b]) => a - b)
    .map(([step, list]) => {
      const severity = list.some((f) => f.severity === 'warning') ? 'warning' : 'info';
      const title = list.map((f) => `${FINDING_STYLES[f.severity]?.word ?? f.severity} (${f.kind}): ${f.message}`).join('; ');
      return { step, type: 'finding', severity, letter: FINDING_STYLES[severity].letter, shape: 'triangle', title, count: list.length };
    });
}

/** Returns the radius of a marker in a column of width w: 4 to 8 px. */
export function markerRadius(w) {
  return Math.min(8, Math.max(4, w / 2 - 1));
}

/**
 * Returns where the markers of one column go: {event, finding}, each null when absent or
 * {cx, cy, r, letter: whether the letter fits, badge: drawn small with an outline}.
 * x is the column's left edge, w its width, markerRow the height of the marker row.
 */
export function markerPlacement(x, w, markerRow, { event = false, finding = false } = {}) {
  const cy = markerRow / 2 + 1;
  const r = markerRadius(w);
  const whole = (cx, radius) => ({ cx, cy, r: radius, letter: radius >= 6, badge: false });
  if (!finding) return { event: event ? whole(x + w / 2, r) : null, finding: null };
  if (!event) return { event: null, finding: whole(x + w / 2, r) };
  if (w >= SPLIT_WIDTH) {
    const half = Math.min(8, Math.max(4, w / 4 - 1));
    return { event: whole(x + w / 4, half), finding: whole(x + (3 * w) / 4, half) };
  }
  const rb = Math.max(3, Math.round(r * 0.6));
  return { event: whole(x + w / 2, r), finding: { cx: x + w - rb, cy: rb + 1, r: rb, letter: false, badge: true } };
}
