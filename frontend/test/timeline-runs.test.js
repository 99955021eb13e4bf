import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixture } from './vocabulary-fixture.js';
import { BASE_LANES, RUNS_LANE, runnerOf, encodeLanes, lanesInUse, describeValue, describeStep, createLaneEncoder } from '../src/lanes.js';
import { jumpTarget } from '../src/navigation.js';
import { runnerStyle, eventTitle } from '../src/vocabulary.js';
import { PHASE_TRACK, phaseBands, phaseAt, hasPhases, phaseName } from '../src/timeline-phases.js';
import { createDeltaTracker, applyDelta } from '../src/lane-sync.js';
import { markers, userspaceExits, overviewBuckets, geometryFor, phaseTop, tickTop, whereTop, rowAt, GEOMETRY } from '../src/timeline-layout.js';
import { tooltipFor } from '../src/timeline-tooltip.js';
import { step } from '../support/fixtures.js';

const kvm = fixture('debug-regs-sti-kvm.json');
const bare = fixture('debug-regs-sti-bare-metal.json');
/** debug-regs-bd-kvm with phase numbers added by hand (see its _comment), from before steps said who runs them. */
const phased = JSON.parse(readFileSync(new URL('./hand-fixtures/debug-regs-bd-kvm-phases.json', import.meta.url), 'utf8'));

test('the engine says who runs every step: the host for host steps, L1 for the guest', () => {
  for (const s of kvm.steps) assert.equal(s.runs, s.where === 'host' ? 'host' : 'l1', 'step ' + s.index);
  for (const s of bare.steps) assert.equal(s.runs, 'l1', 'step ' + s.index);
});

test('a step without runs (a trace written before the field) is derived from where; runs wins when present', () => {
  assert.equal(runnerOf({ where: 'host' }), 'host');
  assert.equal(runnerOf({ where: 'guest' }), 'l1');
  assert.equal(runnerOf({ where: 'guest', runs: 'l2' }), 'l2');
  assert.equal(runnerOf({ where: 'host', runs: 'host' }), 'host');
  // the hand fixture has no runs field: its steps read as the engine now writes them
  const old = phased.steps.map(runnerOf);
  assert.deepEqual(old, phased.steps.map((s) => (s.where === 'host' ? 'host' : 'l1')));
});

test('the who-runs lane of the STI test under KVM: host bands at the VM exits, L1 where the guest runs', () => {
  const runs = encodeLanes(kvm.steps, BASE_LANES).runs;
  // debug_regs.c under KVM: KVM enters (0, 1), the guest runs pushf..sti (2-5), the #DB exits to KVM
  // (6-9), the injected #DB is delivered in the guest (10), the preemption timer exits (11-13)
  assert.deepEqual(runs.slice(0, 5), [
    { start: 0, end: 2, value: 'host' },
    { start: 2, end: 6, value: 'l1' },
    { start: 6, end: 10, value: 'host' },
    { start: 10, end: 11, value: 'l1' },
    { start: 11, end: 14, value: 'host' },
  ]);
  assert.equal(runs[runs.length - 1].value, 'host', 'the run ends halted in KVM (kvm_emulate_halt)');
});

test('the who-runs lane is shown by default only when two runners take turns', () => {
  const under = encodeLanes(kvm.steps, BASE_LANES);
  const native = encodeLanes(bare.steps, BASE_LANES);
  assert.ok(lanesInUse(BASE_LANES, under).includes(RUNS_LANE));
  assert.ok(!lanesInUse(BASE_LANES, native).includes(RUNS_LANE), 'bare metal: L1 throughout');
  assert.equal(BASE_LANES[0], RUNS_LANE, 'the lane right under the where track');
});

test('names the runners from the vocabulary, with colours for both themes', () => {
  assert.deepEqual(['host', 'l1', 'l2'].map((id) => runnerStyle(id).name), ['host', 'L1', 'L2']);
  for (const id of ['host', 'l1', 'l2']) {
    assert.match(runnerStyle(id).light, /^#[0-9a-f]{6}$/);
    assert.match(runnerStyle(id).dark, /^#[0-9a-f]{6}$/);
    assert.notEqual(runnerStyle(id).light, runnerStyle(id).dark);
  }
  assert.equal(runnerStyle('l3').name, 'l3', 'a runner the vocabulary does not know reads as its wire name');
  assert.equal(describeValue(RUNS_LANE, 'l2'), 'L2');
  const runs = encodeLanes([step(0, {}, { where: 'host' })], [RUNS_LANE]);
  assert.equal(describeStep([RUNS_LANE], runs, 0), 'Step 0: who runs host');
});

test('the overview shades the steps L1 does not run', () => {
  const runs = encodeLanes(kvm.steps, [RUNS_LANE]).runs;
  const buckets = overviewBuckets(runs, kvm.steps.length, kvm.steps.length, kvm.steps.length, RUNS_LANE.overviewOn);
  assert.deepEqual(buckets.slice(0, 7), [1, 1, 0, 0, 0, 0, 1]);
});

test('the phase track follows the steps\' phase field, and nothing else', () => {
  const encoder = createLaneEncoder([PHASE_TRACK]);
  const tracker = createDeltaTracker(encoder);
  const mirror = {};
  phased.steps.slice(0, 8).forEach((s) => encoder.push(s));
  applyDelta(mirror, tracker.takeDelta());
  phased.steps.slice(8).forEach((s) => encoder.push(s));
  applyDelta(mirror, tracker.takeDelta());
  // KVM_RUN 1 ends with its KVM_EXIT_DEBUG (step 5); userspace's answer and the run after it are call 2
  assert.deepEqual(mirror.phase, [{ start: 0, end: 6, value: 1 }, { start: 6, end: 15, value: 2 }]);
  assert.ok(hasPhases(mirror.phase));
  const withoutField = kvm.steps.map(({ phase, ...rest }) => rest);
  assert.ok(!hasPhases(encodeLanes(withoutField, [PHASE_TRACK]).phase), 'a trace without the field has no phases');
  assert.ok(!hasPhases(encodeLanes(bare.steps, [PHASE_TRACK]).phase), 'bare metal has no KVM_RUN, so no phases');
  assert.ok(hasPhases(encodeLanes(kvm.steps, [PHASE_TRACK]).phase), 'the engine numbers every KVM step by its KVM_RUN');
  assert.equal(phaseAt(mirror.phase, 5), 1);
  assert.equal(phaseAt(mirror.phase, 6), 2);
  assert.equal(phaseAt(mirror.phase, 99), null);
});

test('phase bands carry "KVM_RUN n" and a separator where a call starts after another', () => {
  const runs = encodeLanes(phased.steps, [PHASE_TRACK]).phase;
  assert.deepEqual(phaseBands(runs, 0, 15), [
    { start: 0, end: 6, phase: 1, first: false }, // the run starts with call 1: nothing to separate
    { start: 6, end: 15, phase: 2, first: true },
  ]);
  // scrolled into the middle of call 2: the band is clipped and has no separator at the window's edge
  assert.deepEqual(phaseBands(runs, 9, 12), [{ start: 9, end: 12, phase: 2, first: false }]);
  // steps without a phase (a reader must treat the field as optional) get no band, and the band after them a separator
  const gaps = encodeLanes([step(0), step(1, {}, { phase: 1 }), step(2), step(3, {}, { phase: 2 })], [PHASE_TRACK]).phase;
  assert.deepEqual(phaseBands(gaps, 0, 4), [{ start: 1, end: 2, phase: 1, first: true }, { start: 3, end: 4, phase: 2, first: true }]);
  assert.equal(phaseName(2), 'KVM_RUN 2');
});

test('the exit to userspace is a marker labelled by its exit, with KVM\'s fields in the tooltip', () => {
  const list = markers(phased.events);
  const exit = list.find((m) => m.type === 'exit_to_host');
  assert.equal(exit.step, 5);
  assert.equal(exit.place, 'KVM_EXIT_DEBUG');
  // debug_regs.c bd_start: run->debug.arch.exception 1, pc at the MOV, dr6 = BD | DR6_ACTIVE_LOW
  assert.equal(exit.title, 'KVM_EXIT_DEBUG: exception 1 (#DB), pc 0x401007 (bd_start), dr6 0xffff2ff0');
  assert.equal(list.find((m) => m.type === 'vmexit').place, 'bd_start', 'other events still say where they landed');
  assert.deepEqual(userspaceExits(phased.events), [5]);
  assert.deepEqual(userspaceExits(kvm.events), []);
  assert.equal(eventTitle({ ...phased.events[1], dr7: '0x2400' }), exit.title + ', dr7 0x2400', 'and DR7 where KVM reports it');
  assert.equal(eventTitle({ type: 'exit_to_host', exit: 'KVM_EXIT_FAIL_ENTRY', at: '0x401000', reason: '0x80000021' }),
    'KVM_EXIT_FAIL_ENTRY: at 0x401000, reason 0x80000021');
});

test('the tooltip says who runs a step that L1 does not run, and its KVM_RUN call', () => {
  const s = phased.steps[5];
  const tip = tooltipFor({ index: 5, step: s, frame: null, here: [], phase: 1 });
  assert.equal(tip.lines.find((l) => l.key === 'where').text.split(',')[0], 'host');
  assert.equal(tip.lines.find((l) => l.key === 'phase').text, 'KVM_RUN 1');
  const guest = tooltipFor({ index: 8, step: phased.steps[8], frame: null, here: [], phase: 2 });
  assert.equal(guest.lines.find((l) => l.key === 'phase').text, 'KVM_RUN 2');
  assert.ok(!guest.lines.find((l) => l.key === 'where').text.startsWith('L1'));
  const l2 = tooltipFor({ index: 0, step: { ...phased.steps[8], runs: 'l2' }, frame: null, here: [] });
  assert.match(l2.lines.find((l) => l.key === 'where').text, /^L2, /);
  assert.equal(tooltipFor({ index: 0, step: step(0), frame: null, here: [], phase: null }).lines.find((l) => l.key === 'phase'), undefined,
    'no phase line for a step without one');
});

test('the phase row sits under the markers\' label line, over the step numbers, only when the trace has phases', () => {
  const g = geometryFor({ where: true, frameRows: 1, phases: true });
  assert.equal(phaseTop(g), 22 + 13);
  assert.equal(tickTop(g), 22 + 13 + 16);
  assert.equal(whereTop(g), 22 + 13 + 16 + 18);
  assert.deepEqual(rowAt(40, 3, g), { row: 'phase' });
  assert.deepEqual(rowAt(55, 3, g), { row: 'tick' });
  const none = geometryFor({ where: true, frameRows: 1 });
  assert.equal(tickTop(none), phaseTop(none), 'no phases: no row for them');
  assert.equal(whereTop(GEOMETRY), 40, 'the compare page keeps its rows');
});

test('n and Shift+N can go from one exit to userspace to the next', () => {
  const list = markers(phased.events);
  assert.equal(jumpTarget(list, 0, +1, 'userspace'), 5);
  assert.equal(jumpTarget(list, 5, +1, 'userspace'), null);
  assert.equal(jumpTarget(list, 14, -1, 'userspace'), 5);
  assert.equal(jumpTarget(list, 0, +1, 'vmx'), 3, 'the VM exit comes first among VM exits and entries');
});
