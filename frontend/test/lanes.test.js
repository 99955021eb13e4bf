import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_LANES, VMX_LANES, lanesFor, createLaneEncoder, encodeLanes, valueAt, runsInRange, isOn, describeValue, describeStep, lanesInUse,
} from '../src/lanes.js';
import { step } from '../support/fixtures.js';

const lane = (id) => BASE_LANES.find((l) => l.id === id);

test('encodes a flag that turns on and off as three runs', () => {
  const steps = [step(0), step(1, { tf: true }), step(2, { tf: true }), step(3)];
  const runs = encodeLanes(steps, [lane('tf')]);
  assert.deepEqual(runs.tf, [
    { start: 0, end: 1, value: false },
    { start: 1, end: 3, value: true },
    { start: 3, end: 4, value: false },
  ]);
});

test('splits the shadow into an STI lane and a MOV SS lane', () => {
  const steps = [step(0, { shadow: 'sti' }), step(1, { shadow: 'mov_ss' }), step(2)];
  const runs = encodeLanes(steps, [lane('sti'), lane('movss')]);
  assert.deepEqual(runs.sti.map((r) => r.value), [true, false]);
  assert.deepEqual(runs.movss.map((r) => r.value), [false, true, false]);
});

test('reads DR6.BS from the DR6 value of each step', () => {
  const steps = [step(0), step(1, { dr6: '0xffff4ff0' })];
  assert.deepEqual(encodeLanes(steps, [lane('bs')]).bs.map((r) => r.value), [false, true]);
});

test('shows pending #DB and IRR as text, and nothing when empty', () => {
  const steps = [step(0, { irr: ['0xaa'], pending_db: '0x4000' }), step(1)];
  const runs = encodeLanes(steps, [lane('irr'), lane('pending')]);
  assert.deepEqual(runs.irr.map((r) => r.value), ['0xaa', null]);
  assert.deepEqual(runs.pending.map((r) => r.value), ['0x4000', null]);
});

test('adds the host and VMCS lanes only when the steps carry a VMCS', () => {
  assert.equal(lanesFor(step(0)), BASE_LANES);
  const vmx = lanesFor(step(0, { vmcs: { interruptibility: '0x1' } }));
  assert.deepEqual(vmx.slice(BASE_LANES.length), VMX_LANES);
});

test('ignores a step that repeats one already encoded', () => {
  const encoder = createLaneEncoder([lane('tf')]);
  assert.equal(encoder.push(step(0)), true);
  assert.equal(encoder.push(step(0, { tf: true })), false);
  assert.equal(encoder.length, 1);
});

test('finds the value at any encoded step and nothing past the end', () => {
  const runs = encodeLanes([step(0), step(1, { tf: true }), step(2, { tf: true })], [lane('tf')]).tf;
  assert.equal(valueAt(runs, 0), false);
  assert.equal(valueAt(runs, 2), true);
  assert.equal(valueAt(runs, 3), undefined);
});

test('clips the runs to a visible window', () => {
  const runs = [{ start: 0, end: 10, value: false }, { start: 10, end: 20, value: true }, { start: 20, end: 30, value: false }];
  assert.deepEqual(runsInRange(runs, 5, 12), [{ start: 5, end: 10, value: false }, { start: 10, end: 12, value: true }]);
  assert.deepEqual(runsInRange(runs, 40, 50), []);
});

test('counts text values and true as on, false and null as off', () => {
  assert.deepEqual([true, '0xaa', false, null, undefined].map(isOn), [true, true, false, false, false]);
});

test('encodes a million steps into one run per change, not one per step', () => {
  const encoder = createLaneEncoder(BASE_LANES);
  const s = step(0);
  for (let i = 0; i < 1_000_000; i++) {
    s.index = i;
    s.state.tf = i % 1000 < 500;
    encoder.push(s);
  }
  assert.equal(encoder.runs.tf.length, 2000);
  assert.equal(encoder.runs.if.length, 1);
});

test('describes a flag as set or clear and an empty value as none', () => {
  assert.equal(describeValue(lane('tf'), true), '1 (set)');
  assert.equal(describeValue(lane('tf'), false), '0 (clear)');
  assert.equal(describeValue(lane('irr'), null), 'none');
  assert.equal(describeValue(lane('irr'), '0xaa'), '0xaa');
  assert.equal(describeValue(lane('irr'), undefined), 'not loaded yet');
});

test('describes every lane of a step on one line', () => {
  const lanes = [lane('tf'), lane('sti'), lane('irr')];
  const runs = encodeLanes([step(0, { tf: true, shadow: 'sti', irr: ['0xaa'] })], lanes);
  assert.equal(describeStep(lanes, runs, 0), 'Step 0: TF 1 · STI shadow 1 · IRR 0xaa');
  assert.equal(describeStep(lanes, runs, 5), 'Step 5: not loaded yet');
});

test('a held lane names what waits and what holds it, without the long reason', () => {
  const held = BASE_LANES.find((l) => l.id === 'held');
  assert.equal(held.value(step(4, {}, { held: ['IRQ 0xaa held: STI shadow (blocking by STI lasts one instruction, SDM STI)'] })),
    'IRQ 0xaa held: STI shadow');
  assert.equal(held.value(step(5, {}, { held: [] })), null);
});

test('an empty lane is one that is never on in the steps received', () => {
  const steps = [step(0, { tf: true }), step(1)];
  const used = lanesInUse(BASE_LANES, encodeLanes(steps, BASE_LANES)).map((l) => l.id);
  assert.ok(used.includes('tf'));
  assert.ok(!used.includes('if'));
  assert.ok(!used.includes('bs'));
});
