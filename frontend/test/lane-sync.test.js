import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDeltaTracker, applyDelta } from '../src/lane-sync.js';
import { BASE_LANES, createLaneEncoder, encodeLanes } from '../src/lanes.js';
import { step } from '../support/fixtures.js';

const tf = BASE_LANES.filter((l) => l.id === 'tf');

test('a mirror fed with deltas ends equal to the encoder', () => {
  const encoder = createLaneEncoder(BASE_LANES);
  const tracker = createDeltaTracker(encoder);
  const mirror = {};
  const steps = [];
  for (let i = 0; i < 50; i++) {
    const s = step(i, { tf: i % 7 < 3, irr: i % 11 === 0 ? ['0xaa'] : [] });
    steps.push(s);
    encoder.push(s);
    if (i % 9 === 0) applyDelta(mirror, tracker.takeDelta());
  }
  assert.equal(applyDelta(mirror, tracker.takeDelta()), 50);
  assert.deepEqual(mirror, encodeLanes(steps, BASE_LANES));
});

test('a run that keeps growing is resent, not duplicated', () => {
  const encoder = createLaneEncoder(tf);
  const tracker = createDeltaTracker(encoder);
  const mirror = {};
  encoder.push(step(0, { tf: true }));
  applyDelta(mirror, tracker.takeDelta());
  encoder.push(step(1, { tf: true }));
  const delta = tracker.takeDelta();
  assert.deepEqual(delta.lanes.tf, { from: 0, runs: [{ start: 0, end: 2, value: true }] });
  applyDelta(mirror, delta);
  assert.deepEqual(mirror.tf, [{ start: 0, end: 2, value: true }]);
});

test('a delta with nothing new still says how many steps are encoded', () => {
  const encoder = createLaneEncoder(tf);
  const tracker = createDeltaTracker(encoder);
  encoder.push(step(0));
  tracker.takeDelta();
  const mirror = { tf: [{ start: 0, end: 1, value: false }] };
  assert.equal(applyDelta(mirror, tracker.takeDelta()), 1);
  assert.deepEqual(mirror.tf, [{ start: 0, end: 1, value: false }]);
});

test('a delta sent while the worker is still encoding never sends a run twice', () => {
  const encoder = createLaneEncoder(tf);
  const tracker = createDeltaTracker(encoder);
  encoder.push(step(0, { tf: true }));
  encoder.push(step(1));
  assert.equal(tracker.takeDelta().lanes.tf.runs.length, 2);
  encoder.push(step(2, { tf: true }));
  assert.deepEqual(tracker.takeDelta().lanes.tf, {
    from: 1, runs: [{ start: 1, end: 2, value: false }, { start: 2, end: 3, value: true }],
  });
});
