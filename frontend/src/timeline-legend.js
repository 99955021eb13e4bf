/** The legend beside the timeline: every marker letter and shape, the where-track colours, held hatching and flows. */
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
    { className: 'legend-swatch swatch-held', letter: '', text: 'held (what waits, and why)' },
    { className: 'legend-swatch swatch-flow', letter: '', text: 'cause → effect' },
  ];
}

/** Fills a list element with the legend. */
export function renderLegend(list) {
  if (!list) return;
  list.replaceChildren(...legendItems().map((item) => el('li', {},
    el('span', { className: item.className, 'aria-hidden': 'true' }, item.letter), ' ', item.text)));
}
