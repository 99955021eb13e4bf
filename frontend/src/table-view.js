/** The timeline as a table, for screen readers and for copying: the steps around the current one. */
import { el } from './dom.js';
import { dr6Names, vectorList } from './format.js';
import { shadowName, runnerStyle } from './vocabulary.js';
import { runnerOf } from './lanes.js';

/** How many steps the table shows before and after the current step. */
export const TABLE_BEFORE = 10;
export const TABLE_AFTER = 30;

function row(step, current) {
  const s = step.state;
  const dr6 = dr6Names(s.dr6);
  const changed = new Set(step.changed ?? []);
  // a value this step changed is marked by weight and a hidden word, as in the inspector
  const cell = (field, text) => (changed.has(field)
    ? el('td', { className: 'changed' }, text, el('span', { className: 'visually-hidden' }, ' (changed)'))
    : el('td', {}, text));
  const cells = [
    el('th', { scope: 'row' }, String(step.index)),
    el('td', {}, step.kind),
    el('td', {}, runnerStyle(runnerOf(step)).name),
    el('td', {}, step.rip + (step.label && step.label !== step.rip ? ' <' + step.label + '>' : '')),
    el('td', {}, step.text ?? ''),
    cell('tf', s.tf ? '1' : '0'),
    cell('if', s.if ? '1' : '0'),
    cell('rf', s.rf ? '1' : '0'),
    cell('shadow', s.shadow === 'none' ? '' : shadowName(s.shadow)),
    cell('dr6', s.dr6 + (dr6.length ? ' (' + dr6.join(', ') + ')' : '')),
    cell('pending_db', s.pending_db === '0x0' ? '' : s.pending_db),
    cell('irr', s.irr.length ? vectorList(s.irr) : ''),
    cell('isr', s.isr.length ? vectorList(s.isr) : ''),
    cell('nmi_blocked', s.nmi_blocked ? 'yes' : ''),
  ];
  const tr = el('tr', {}, ...cells);
  if (step.index === current) tr.setAttribute('aria-current', 'true');
  return tr;
}

/** Renders steps from..to-1 (getStep returns a step or undefined while loading) into the table. */
export function renderTable(tbody, caption, getStep, current, total) {
  const from = Math.max(0, current - TABLE_BEFORE);
  const to = Math.min(total, current + TABLE_AFTER + 1);
  const rows = [];
  for (let i = from; i < to; i++) {
    const step = getStep(i);
    rows.push(step ? row(step, current) : el('tr', {}, el('th', { scope: 'row' }, String(i)), el('td', { colspan: '13' }, 'loading…')));
  }
  caption.textContent = `Steps ${from} to ${to - 1} of ${total}; the current step is ${current}.`;
  tbody.replaceChildren(...rows);
}
