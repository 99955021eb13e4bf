/**
 * Timeline lanes: which piece of state each lane shows, and its run-length encoding.
 * DOM-free, so it runs under node --test.
 */
import { bitOf } from './format.js';
import { runnerStyle } from './vocabulary.js';

const flag = (group, id, label, title, value) => ({ id, group, label, title, kind: 'flag', value });
const text = (group, id, label, title, value) => ({ id, group, label, title, kind: 'value', value });
const nonZero = (hexString) => (hexString && hexString !== '0x0' ? hexString : null);
const nonEmpty = (list) => (list && list.length ? list.join(' ') : null);
/** "IRQ 0xaa held: STI shadow (blocking by STI lasts one instruction, SDM STI)" -> "IRQ 0xaa held: STI shadow" */
const shortHeld = (list) => (list && list.length ? list.map((line) => line.replace(/\s*\(.*\)\s*$/, '')).join('; ') : null);

/**
 * Returns who runs a step (host, l1, l2): its runs field, or for a trace written before the field,
 * host for a host step and l1 for a guest step (trace-format.md).
 */
export function runnerOf(step) {
  return step.runs ?? (step.where === 'host' ? 'host' : 'l1');
}

/** Returns whether a run list holds more than one value: a who-runs lane is worth showing when two runners take turns. */
const takesTurns = (runs) => (runs ?? []).some((r) => r.value !== runs[0].value);

/**
 * The who-runs lane: bands named host, L1, L2 in the vocabulary's colours. Every step has a
 * runner, so it counts as in use only when the run has more than one.
 */
export const RUNS_LANE = {
  id: 'runs', group: 'runs', label: 'who runs', title: 'Who executes the step: the host (KVM), L1 or L2',
  kind: 'runner', value: runnerOf, inUse: takesTurns, overviewOn: (runner) => runner !== undefined && runner !== null && runner !== 'l1',
};

/** The lanes every trace has, top to bottom. group picks the colour; kind says bar (flag), bar with text (value) or runner band. */
export const BASE_LANES = [
  RUNS_LANE,
  flag('flags', 'tf', 'TF', 'RFLAGS.TF, the trap flag', (s) => s.state.tf),
  flag('flags', 'if', 'IF', 'RFLAGS.IF, interrupts enabled', (s) => s.state.if),
  flag('flags', 'rf', 'RF', 'RFLAGS.RF, resume flag', (s) => s.state.rf),
  flag('shadow', 'sti', 'STI shadow', 'Blocking by STI', (s) => s.state.shadow === 'sti'),
  flag('shadow', 'movss', 'MOV SS shadow', 'Blocking by MOV SS', (s) => s.state.shadow === 'mov_ss'),
  flag('dr6', 'b0', 'DR6.B0', 'DR6 bit 0: breakpoint 0 hit', (s) => bitOf(s.state.dr6, 0) === 1),
  flag('dr6', 'b1', 'DR6.B1', 'DR6 bit 1: breakpoint 1 hit', (s) => bitOf(s.state.dr6, 1) === 1),
  flag('dr6', 'b2', 'DR6.B2', 'DR6 bit 2: breakpoint 2 hit', (s) => bitOf(s.state.dr6, 2) === 1),
  flag('dr6', 'b3', 'DR6.B3', 'DR6 bit 3: breakpoint 3 hit', (s) => bitOf(s.state.dr6, 3) === 1),
  flag('dr6', 'bd', 'DR6.BD', 'DR6 bit 13: debug-register access detected', (s) => bitOf(s.state.dr6, 13) === 1),
  flag('dr6', 'bs', 'DR6.BS', 'DR6 bit 14: single step', (s) => bitOf(s.state.dr6, 14) === 1),
  flag('dr6', 'bt', 'DR6.BT', 'DR6 bit 15: task switch', (s) => bitOf(s.state.dr6, 15) === 1),
  text('pending', 'pending', 'pending #DB', 'A debug trap recognised but not yet delivered', (s) => nonZero(s.state.pending_db)),
  text('held', 'held', 'held', 'Events waiting at this boundary, and what holds them', (s) => shortHeld(s.held)),
  text('apic', 'irr', 'IRR', 'Interrupt requests pending in the local APIC', (s) => nonEmpty(s.state.irr)),
  text('apic', 'isr', 'ISR', 'Interrupts in service', (s) => nonEmpty(s.state.isr)),
  flag('flags', 'nmi', 'NMI blocked', 'NMIs blocked until the next IRET', (s) => s.state.nmi_blocked),
];

/** Lanes added when the guest runs under a hypervisor (the steps carry state.vmcs). */
export const VMX_LANES = [
  flag('vmx', 'host', 'host', 'The step happens in the host, not the guest', (s) => s.where === 'host'),
  text('vmx', 'vmcs-int', 'VMCS intr.', 'Guest interruptibility state', (s) => nonZero(s.state.vmcs?.interruptibility)),
  text('vmx', 'vmcs-pdbg', 'VMCS pend. dbg', 'Guest pending debug exceptions', (s) => nonZero(s.state.vmcs?.pending_dbg)),
  text('vmx', 'vmcs-act', 'VMCS activity', 'Guest activity state', (s) => nonZero(s.state.vmcs?.activity_state)),
  text('vmx', 'vmcs-entry', 'VMCS entry intr.', 'VM-entry interruption information', (s) => nonZero(s.state.vmcs?.entry_intr_info)),
];

/** Returns the lanes for a trace, judged from its first step: VMX lanes only when the state has a VMCS. */
export function lanesFor(firstStep) {
  return firstStep && firstStep.state && firstStep.state.vmcs ? [...BASE_LANES, ...VMX_LANES] : BASE_LANES;
}

/**
 * Returns an encoder that appends steps, in order, to one run list per lane. A run is
 * {start, end, value}: steps start..end-1 have that value. Steps that are not the next
 * index (a repeat after a reconnect) are ignored.
 */
export function createLaneEncoder(lanes) {
  const runs = Object.fromEntries(lanes.map((lane) => [lane.id, []]));
  let length = 0;
  return {
    lanes,
    runs,
    get length() {
      return length;
    },
    push(step) {
      if (step.index !== length) return false;
      for (const lane of lanes) {
        const value = lane.value(step) ?? null;
        const list = runs[lane.id];
        const last = list[list.length - 1];
        if (last && last.value === value) last.end = length + 1;
        else list.push({ start: length, end: length + 1, value });
      }
      length++;
      return true;
    },
  };
}

/** Returns the run-length encoding of a list of steps (indexed from 0): {laneId: [{start, end, value}]}. */
export function encodeLanes(steps, lanes) {
  const encoder = createLaneEncoder(lanes);
  for (const step of steps) encoder.push(step);
  return encoder.runs;
}

/** Returns the position of the run holding step index, or -1. */
function findRun(runs, index) {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid].end <= index) lo = mid + 1;
    else if (runs[mid].start > index) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** Returns a lane's value at a step, or undefined when that step is not encoded yet. */
export function valueAt(runs, index) {
  const i = findRun(runs, index);
  return i < 0 ? undefined : runs[i].value;
}

/** Returns the position of the first run (or frame: anything with an end) that ends after step index (runs.length when none does). */
export function firstEndingAfter(runs, index) {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid].end <= index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Returns the runs that overlap steps from..to-1, clipped to that range. */
export function runsInRange(runs, from, to) {
  const out = [];
  for (let i = firstEndingAfter(runs, from); i < runs.length && runs[i].start < to; i++) {
    const r = runs[i];
    out.push({ start: Math.max(r.start, from), end: Math.min(r.end, to), value: r.value });
  }
  return out;
}

/** Returns whether a lane value counts as "on" (drawn as a bar): true, or any text. */
export function isOn(value) {
  return value !== false && value !== null && value !== undefined;
}

/** Returns a lane value in words for the readout: "1 (set)", "0 (clear)", a value, or "none". */
export function describeValue(lane, value) {
  if (value === undefined) return 'not loaded yet';
  if (lane.kind === 'flag') return value ? '1 (set)' : '0 (clear)';
  if (lane.kind === 'runner') return runnerStyle(value).name;
  return value === null ? 'none' : value;
}

/** Returns the lanes that are on at some step of the runs received so far (the who-runs lane: that has two runners), in their order. */
export function lanesInUse(lanes, runs) {
  if (!runs) return lanes;
  return lanes.filter((lane) => (lane.inUse ? lane.inUse(runs[lane.id]) : (runs[lane.id] ?? []).some((r) => isOn(r.value))));
}

/** Returns one line with every lane's value at a step, for the readout and screen readers. */
export function describeStep(lanes, runs, step) {
  const parts = lanes.map((lane) => {
    const value = runs ? valueAt(runs[lane.id], step) : undefined;
    if (value === undefined) return null;
    return lane.label + ' ' + (lane.kind === 'flag' ? (value ? '1' : '0') : lane.kind === 'runner' ? runnerStyle(value).name : value ?? 'none');
  }).filter((p) => p !== null);
  return parts.length ? 'Step ' + step + ': ' + parts.join(' · ') : 'Step ' + step + ': not loaded yet';
}
