import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flowPairs, flowsInRange } from '../src/timeline-flows.js';
import { encodeLanes, BASE_LANES } from '../src/lanes.js';
import { step } from '../support/fixtures.js';

// debug_regs.c's STI test: IRQ 0xaa waits in IRR from step 0 (IF=0); the sti at step 3 began
// with TF=1, so BS is pending after it; #DB is delivered at step 4; IRQ 0xaa at step 7
const steps = Array.from({ length: 9 }, (_, i) => step(i, {
  pending_db: i === 3 ? '0x4000' : '0x0',
  irr: i < 7 ? ['0xaa'] : [],
}));
const runs = encodeLanes(steps, BASE_LANES);
const events = [{ step: 4, type: 'db', vector: 1 }, { step: 7, type: 'irq', vector: 0xaa }];

test('links the step that made the trap pending to its #DB, and the IRQ\'s arrival in IRR to its delivery', () => {
  assert.deepEqual(flowPairs({ events, runs }), [{ from: 0, to: 7, kind: 'irq' }, { from: 3, to: 4, kind: 'db' }]);
});

test('a #DB with nothing pending before it (a fault) has no flow', () => {
  assert.deepEqual(flowPairs({ events: [{ step: 2, type: 'db' }], runs }), []);
});

test('a VM exit flows to the VM entry ending KVM\'s work, and that entry to the event it injects', () => {
  const hostFrames = [{ kind: 'host', start: 6, end: 10 }, { kind: 'host', start: 0, end: 1 }];
  const flows = flowPairs({ events: [{ step: 10, type: 'db', via: 'injected' }], runs: {}, hostFrames });
  assert.deepEqual(flows, [{ from: 6, to: 9, kind: 'host' }, { from: 9, to: 10, kind: 'inject' }]);
});

test('keeps the flows that reach into the visible steps', () => {
  const flows = flowPairs({ events, runs });
  assert.deepEqual(flowsInRange(flows, 5, 6), [{ from: 0, to: 7, kind: 'irq' }]);
  assert.deepEqual(flowsInRange(flows, 8, 9), []);
});
