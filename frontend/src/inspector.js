/** The inspector panel: the state after the current step, with the fields it changed marked. */
import { el } from './dom.js';
import { apicTimerFields } from './apic-timer.js';
import { dr6Names, vectorList } from './format.js';
import { shadowName, runnerStyle } from './vocabulary.js';
import { runnerOf } from './lanes.js';
import { phaseName } from './timeline-phases.js';

const REGS = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const VMCS_FIELDS = [
  ['interruptibility', 'Interruptibility'], ['pending_dbg', 'Pending debug exc.'], ['activity_state', 'Activity state'],
  ['entry_intr_info', 'VM-entry intr. info'], ['exit_reason', 'Exit reason'], ['exit_qualification', 'Exit qualification'],
];

const yesNo = (b) => (b ? 'yes' : 'no');
const bit = (b) => (b ? '1' : '0');
const withNames = (hex, names) => (names.length ? hex + ' (' + names.join(', ') + ')' : hex);

/** Returns one "name: value" pair, marked (by weight, a Δ and hidden text, not by colour alone) when changed. */
function field(label, value, changed) {
  return el('div', { className: changed ? 'field changed' : 'field' },
    el('dt', {}, label, changed ? el('span', { className: 'changed-mark', title: 'changed by this step' }, ' Δ') : null,
      changed ? el('span', { className: 'visually-hidden' }, ' (changed)') : null),
    el('dd', {}, value));
}

/** Returns the link to a rule's page (/rules/ID), or null when the trace names no rule (traces written before rule ids). */
export function ruleLink(id) {
  if (!id || !/^[A-Z][A-Z0-9_]*$/.test(id)) return null;
  return el('a', { className: 'rule-link', href: '/rules/' + id, title: 'The rule behind this, with its source' }, id);
}


/**
 * Returns the stack section: the words from RSP up with the interrupt frame's slots named, RFLAGS
 * decoded and the handler's writes to the frame marked (words from stack-frame.js stackWords;
 * nameOf(address) returns a label or null).
 */
function stackSection(words, rsp, nameOf) {
  const rows = words.map((w) => {
    let note = '';
    if (w.slot === 'RFLAGS' && w.flags) note = w.flags.length ? w.flags.join(' ') : 'no flags set';
    else if (w.slot === 'RIP' && w.value && nameOf(w.value)) note = nameOf(w.value);
    const change = w.write
      ? `written at step ${w.write.step}: ${w.write.old} → ${w.write.new}`
        + (w.write.cleared.length ? `, ${w.write.cleared.join(' ')} cleared` : '') + (w.write.set.length ? `, ${w.write.set.join(' ')} set` : '')
      : '';
    return el('tr', { className: w.write ? 'changed' : '' },
      el('th', { scope: 'row' }, w.address),
      el('td', {}, w.value ?? '—'),
      el('td', { className: 'slot' }, w.slot ?? ''),
      el('td', {}, [note, change].filter(Boolean).join(' · ')));
  });
  return el('details', { className: 'stack', open: '' },
    el('summary', {}, 'Stack at RSP ' + rsp + (words.some((w) => w.slot) ? ': the interrupt frame' : '')),
    el('table', { className: 'stack-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Address'), el('th', { scope: 'col' }, 'Value'),
        el('th', { scope: 'col' }, 'Slot'), el('th', { scope: 'col' }, 'Meaning'))),
      el('tbody', {}, ...rows)),
    el('p', { className: 'muted stack-note' }, '— marks a word no step of this run wrote. The frame a 64-bit delivery pushes: SDM Vol. 3A 6.14.2.'));
}

/**
 * Renders a step into the inspector body and its number into the heading; stack (optional,
 * {words, nameOf}) adds the words around RSP.
 */
export function renderInspector(body, heading, step, stack = null) {
  heading.textContent = String(step.index);
  const s = step.state;
  const changed = new Set(step.changed ?? []);
  const has = (...names) => names.some((n) => changed.has(n));

  // who runs it (said when it is not L1, the guest) and, when the trace numbers them, its KVM_RUN call
  const runner = runnerOf(step);
  const insn = el('p', { className: 'step-insn' },
    el('span', { className: 'step-kind' }, step.kind), ' ',
    step.rip, ' ', step.label && step.label !== step.rip ? el('span', { className: 'label' }, '<' + step.label + '>') : null, ' ',
    el('strong', {}, step.text ?? ''), runner !== 'l1' ? ` (${runnerStyle(runner).name})` : null,
    Number.isInteger(step.phase) ? el('span', { className: 'step-phase', title: 'The KVM_RUN call this step belongs to' }, phaseName(step.phase)) : null);

  const parts = [insn];
  if (step.why) parts.push(el('p', { className: 'why' }, step.why, step.rule ? ' ' : null, ruleLink(step.rule)));
  if (step.held && step.held.length) {
    const rules = step.rules ?? [];
    parts.push(el('ul', { className: 'held', 'aria-label': 'Held back at this boundary' },
      ...step.held.map((line, i) => el('li', {}, line, rules[i] ? ' ' : null, ruleLink(rules[i])))));
  }

  const flags = `TF=${bit(s.tf)} IF=${bit(s.if)} RF=${bit(s.rf)}`;
  parts.push(el('dl', { className: 'state' },
    field('RIP', s.rip, has('rip')),
    field('RFLAGS', s.rflags + ' ' + flags, has('rflags', 'tf', 'if', 'rf')),
    field('Shadow', shadowName(s.shadow), has('shadow')),
    field('DR6', withNames(s.dr6, dr6Names(s.dr6)), has('dr6')),
    field('Pending #DB', s.pending_db === '0x0' ? 'none' : withNames(s.pending_db, dr6Names(s.pending_db)), has('pending_db')),
    field('IRR', vectorList(s.irr), has('irr')),
    field('ISR', vectorList(s.isr), has('isr')),
    field('NMI blocked', yesNo(s.nmi_blocked), has('nmi_blocked')),
    field('Activity', s.activity, has('activity')),
    field('DR7', s.dr7, has('dr7')),
    ...['dr0', 'dr1', 'dr2', 'dr3'].map((r) => field(r.toUpperCase(), s[r], has(r)))));

  if (s.vmcs) {
    parts.push(el('h3', { className: 'visually-hidden' }, 'VMCS'));
    parts.push(el('dl', { className: 'state vmcs', 'aria-label': 'VMCS guest fields' },
      ...VMCS_FIELDS.map(([key, label]) => field('VMCS ' + label, s.vmcs[key], has(key, 'vmcs.' + key)))));
  }

  const timer = apicTimerFields(s.apic);
  if (timer.length) {
    parts.push(el('dl', { className: 'state apic', 'aria-label': 'Local APIC mode and timer' },
      ...timer.map(([label, value]) => field(label, value, label.startsWith('Timer') && has('apic')))));
  }

  if (s.regs) {
    const regsChanged = REGS.some((r) => has(r, 'regs.' + r));
    const details = el('details', {},
      el('summary', {}, 'General registers' + (regsChanged ? ' (some changed)' : '')),
      el('dl', { className: 'state regs' }, ...REGS.map((r) => field(r, s.regs[r] ?? '', has(r, 'regs.' + r)))));
    if (regsChanged) details.open = true;
    parts.push(details);
  }
  if (stack && s.regs?.rsp && stack.words.some((w) => w.value !== null)) parts.push(stackSection(stack.words, s.regs.rsp, stack.nameOf));
  body.replaceChildren(...parts);
}

/** Shows a short message in place of a step (loading, or why it cannot be shown). */
export function renderInspectorMessage(body, heading, index, message) {
  heading.textContent = String(index);
  body.replaceChildren(el('p', { className: 'muted' }, message));
}
