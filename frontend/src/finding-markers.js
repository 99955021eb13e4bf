/**
 * Findings on the timeline: one triangle per step that has findings, lettered "!" when one
 * of them is a warning and "i" when all are notes, so that shape and letter (not colour)
 * say what it is. timeline-markers.js places them beside the event markers without overlap.
 * DOM-free.
 */

/** Severity names, in the words and letters the page uses. */
export const FINDING_STYLES = {
  warning: { letter: '!', word: 'Warning' },
  info: { letter: 'i', word: 'Info' },
};

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
