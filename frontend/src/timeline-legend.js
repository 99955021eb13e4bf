/** The legend beside the timeline: every marker letter and shape, the where-track and who-runs colours, KVM_RUN calls, exits to userspace, held hatching and flows. */
import { vocabulary } from './vocabulary.js';
import { FINDING_STYLES } from './finding-markers.js';
import { el } from './dom.js';

/** Returns the legend's entries: {className, letter, text}, markers first. */
export function legendItems() {
  return [
    ...Object.entries(vocabulary().events).map(([type, s]) => ({ className: `legend-mark shape-${s.shape} mark-${type}`, letter: s.letter, text: s.name })),
    ...Object.entries(FINDING_STYLES).map(([severity, s]) => ({ className: `legend-mark shape-triangle mark-${severity}`, letter: s.letter, text: `finding: ${s.word.toLowerCase()}` })),
    { className: 'legend-swatch swatch-guest', letter: '', text: 'guest code' },
    { className: 'legend-swatch swatch-handler', letter: '', text: 'handler (#DB, IRQ)' },
    { className: 'legend-swatch swatch-host', letter: '', text: 'host (KVM)' },
    ...Object.entries(vocabulary().runners ?? {}).map(([id, r]) => ({
      className: `legend-swatch swatch-runner runner-${id}`, letter: '', text: `who runs: ${r.name}`, colors: { light: r.light, dark: r.dark },
    })),
    { className: 'legend-swatch swatch-phase', letter: '', text: 'KVM_RUN call (a line where the next starts)' },
    { className: 'legend-swatch swatch-exit', letter: '', text: 'exit to userspace (KVM_EXIT_…)' },
    { className: 'legend-swatch swatch-held', letter: '', text: 'held (what waits, and why)' },
    { className: 'legend-swatch swatch-flow', letter: '', text: 'cause → effect' },
  ];
}

/** Fills a list element with the legend; a runner's swatch takes its colour from the vocabulary (through the CSSOM, which CSP allows). */
export function renderLegend(list) {
  if (!list) return;
  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  list.replaceChildren(...legendItems().map((item) => {
    const mark = el('span', { className: item.className, 'aria-hidden': 'true' }, item.letter);
    if (item.colors) mark.style.backgroundColor = dark ? item.colors.dark : item.colors.light;
    return el('li', {}, mark, ' ', item.text);
  }));
}
