import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rangeSummary } from '../src/range-summary.js';
import { BASE_LANES, encodeLanes } from '../src/lanes.js';
import { step } from '../support/fixtures.js';

const steps = [step(0), step(1, { tf: true }), step(2, { tf: true, if: true }), step(3, { tf: true, if: true })];
const runs = encodeLanes(steps, BASE_LANES);
const markers = [{ step: 2, title: '#DB at 0x40100b (fep_sti_start)' }];

test('sums up the steps, the events and the lanes that changed in a range', () => {
  assert.equal(rangeSummary({ range: { from: 0, to: 4 }, markers, lanes: BASE_LANES, runs }),
    'Steps 0 to 3 (4 steps): 1 event (#DB at 0x40100b (fep_sti_start)); lanes that changed: TF, IF.');
  assert.equal(rangeSummary({ range: { from: 3, to: 4 }, markers, lanes: BASE_LANES, runs }), 'Step 3: no events; no lane changed.');
});
