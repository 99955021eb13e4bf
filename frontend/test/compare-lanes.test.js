import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpans } from '../src/compare-rows.js';
import {
  rowMapper, gapRanges, runsOnRows, encodedRows, interleaveLanes, differingRanges, compareModel, markersOnRows, framesOnRows,
} from '../src/compare-lanes.js';
import { encodeLanes, BASE_LANES } from '../src/lanes.js';
import { cutGaps } from '../src/timeline-frames.js';

// Bare metal (A: 4 steps) against KVM (B: a VM exit, handler and entry between the first two
// guest steps): rows 0 | 1 2 3 (B's host work) | 4 5 6.
const spans = parseSpans('m,0,0,1;hb,1,1,3;m,1,4,3');

test('each run maps its steps to rows and back, with no step on the other run\'s host work', () => {
  const a = rowMapper(spans, 'a');
  const b = rowMapper(spans, 'b');
  assert.deepEqual([0, 1, 2, 3].map(a.rowOf), [0, 4, 5, 6]);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map(b.rowOf), [0, 1, 2, 3, 4, 5, 6]);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map(a.stepOf), [0, null, null, null, 1, 2, 3]);
  assert.equal(a.rowOf(4), null);
});

test('the host span is one gap on the bare-metal lanes and none on the KVM lanes', () => {
  assert.deepEqual(gapRanges(spans, 'a'), [{ start: 1, end: 4, host: true }]);
  assert.deepEqual(gapRanges(spans, 'b'), []);
});

test('a lane run that crosses the gap is split around it, keeping its value on both sides', () => {
  // TF set on A's steps 0..3: on rows 0 and 4..6, nothing on rows 1..3
  const runs = [{ start: 0, end: 4, value: true }];
  assert.deepEqual(runsOnRows(runs, spans, 'a', 4), [{ start: 0, end: 1, value: true }, { start: 4, end: 7, value: true }]);
});

test('rows past what has arrived have no value yet', () => {
  const runs = [{ start: 0, end: 2, value: false }];
  assert.deepEqual(runsOnRows(runs, spans, 'a', 2), [{ start: 0, end: 1, value: false }, { start: 4, end: 5, value: false }]);
  assert.equal(encodedRows(spans, { a: 2, b: 7 }), 5);
  assert.equal(encodedRows(spans, { a: 4, b: 2 }), 2);
  assert.equal(encodedRows(spans, { a: 4, b: 7 }), 7);
});

test('lanes interleave per piece of state, A above B, only those either run turns on', () => {
  const tf = BASE_LANES.find((l) => l.id === 'tf');
  const iff = BASE_LANES.find((l) => l.id === 'if');
  const rf = BASE_LANES.find((l) => l.id === 'rf');
  const lanes = interleaveLanes([tf, iff, rf], { a: ['tf'], b: ['tf', 'rf'] });
  assert.deepEqual(lanes.map((l) => l.id), ['a:tf', 'b:tf', 'a:rf', 'b:rf']);
  assert.deepEqual(lanes.map((l) => l.label), ['TF A', 'TF B', 'RF A', 'RF B']);
  assert.deepEqual(lanes.map((l) => l.pairFirst), [true, false, true, false]);
});

test('a pair differs only where both runs take a step and the values are not the same', () => {
  const a = [{ start: 0, end: 1, value: '0x0' }, { start: 4, end: 7, value: '0x4000' }];
  const b = [{ start: 0, end: 5, value: '0x0' }, { start: 5, end: 7, value: '0x4000' }];
  // rows 1..3 are A's gap (not a difference); row 4 differs
  assert.deepEqual(differingRanges(a, b), [{ start: 4, end: 5 }]);
});

test('off in one run and absent-as-null in the other is not a difference', () => {
  assert.deepEqual(differingRanges([{ start: 0, end: 3, value: false }], [{ start: 0, end: 3, value: null }]), []);
});

test('the model of the timeline: interleaved lanes, their runs on rows, the hatching and the gaps', () => {
  const lanes = BASE_LANES.filter((l) => ['tf', 'if'].includes(l.id));
  const step = (index, tf, iff) => ({ index, state: { tf, if: iff } });
  const stepsA = [step(0, false, true), step(1, true, true), step(2, true, true), step(3, false, true)];
  const stepsB = [step(0, false, true), step(1, false, false), step(2, false, false), step(3, false, false),
    step(4, true, true), step(5, false, true), step(6, false, true)];
  const model = compareModel(spans, {
    a: { present: lanes, runs: encodeLanes(stepsA, lanes), encoded: 4 },
    b: { present: lanes, runs: encodeLanes(stepsB, lanes), encoded: 7 },
  });
  assert.deepEqual(model.lanes.map((l) => l.id), ['a:tf', 'b:tf', 'a:if', 'b:if']);
  assert.deepEqual(model.runs['a:tf'], [{ start: 0, end: 1, value: false }, { start: 4, end: 6, value: true }, { start: 6, end: 7, value: false }]);
  // A has TF set at its step 2 (row 5) where B's step 5 has it clear; IF is the same wherever both run
  assert.deepEqual(model.differing, { tf: [{ start: 5, end: 6 }], if: [] });
  assert.deepEqual(model.gaps.a, [{ start: 1, end: 4, host: true }]);
  assert.equal(model.encoded, 7);
});

test('an event both runs have at one row is one marker; one run alone says so', () => {
  const mappers = { a: rowMapper(spans, 'a'), b: rowMapper(spans, 'b') };
  const db = (step) => ({ step, type: 'db', title: '#DB (single step)' });
  const exit = { step: 1, type: 'vmexit', title: 'VM exit: #DB' };
  const placed = markersOnRows({ a: [db(2)], b: [exit, db(5)] }, mappers);
  assert.deepEqual(placed.map((m) => [m.step, m.side, m.title]), [[1, 'b', 'B only: VM exit: #DB'], [5, 'ab', '#DB (single step)']]);
});

test('a frame that spans the other run\'s host work keeps it inside', () => {
  const mirror = { byDepth: [[{ start: 0, end: 3, depth: 0, kind: 'db' }]], open: [], depth: 1 };
  assert.deepEqual(framesOnRows(mirror, rowMapper(spans, 'a')).byDepth[0], [{ start: 0, end: 6, depth: 0, kind: 'db' }]);
});

test('the where track leaves a run\'s gaps empty', () => {
  const slices = [{ start: 0, end: 7, kind: 'guest', names: ['guest code'], missing: false }];
  assert.deepEqual(cutGaps(slices, [{ start: 1, end: 4 }]).map((s) => [s.start, s.end, s.kind]), [[0, 1, 'guest'], [1, 4, 'gap'], [4, 7, 'guest']]);
});
