import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flowPairs, flowsInRange } from '../src/timeline-flows.js';
import { encodeLanes, BASE_LANES, lanesFor } from '../src/lanes.js';
import { fixture } from './vocabulary-fixture.js';
import { step } from '../support/fixtures.js';

// debug_regs.c's STI test: IRQ 0xaa waits in IRR from step 0 (IF=0); the sti at step 3 began
// with TF=1, so BS is pending after it; #DB is delivered at step 4; IRQ 0xaa at step 7
const steps = Array.from({ length: 9 }, (_, i) => step(i, {
  pending_db: i === 3 ? '0x4000' : '0x0',
  irr: i < 7 ? ['0xaa'] : [],
}));
const runs = encodeLanes(steps, BASE_LANES);
const events = [{ step: 4, type: 'db', vector: 1, cause: ['BS'] }, { step: 7, type: 'irq', vector: 0xaa }];

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

test('on the STI test\'s own trace, each #DB flows from the popf that set TF, by way of the sti that began with TF=1', () => {
  const trace = fixture('debug-regs-sti-bare-metal.json');
  const runs = encodeLanes(trace.steps, lanesFor(trace.steps[0]));
  // the program: pushf (0), orq TF (1), popf (2) sets TF, sti (3) traps, #DB at fep_sti_start (4);
  // the handler's andq and iretq (5, 6), IRQ 0xaa (7) and its handler's five instructions (8-12);
  // cli (13), pushf (14), orq (15), popf (16) sets TF again, sti (17), #DB at fep_sti_end (18)
  const at = (i) => trace.steps[i];
  assert.equal(at(2).text, 'popf');
  assert.equal(at(16).text, 'popf');
  const db = flowPairs({ events: trace.events, runs }).filter((f) => f.kind === 'db');
  assert.deepEqual(db, [{ from: 2, to: 4, kind: 'db', via: 3 }, { from: 16, to: 18, kind: 'db', via: 17 }]);
  assert.equal(at(3).text, 'sti');
  assert.equal(at(17).text, 'sti');
});

test('under KVM the #DB KVM injects flows from the guest\'s popf, across the VM exit', () => {
  const trace = fixture('debug-regs-sti-kvm.json');
  const runs = encodeLanes(trace.steps, lanesFor(trace.steps[0]));
  const popf = trace.steps.filter((s) => s.text === 'popf').map((s) => s.index);
  const db = trace.events.filter((e) => e.type === 'db').map((e) => e.step);
  assert.equal(popf.length, 2);
  assert.deepEqual(flowPairs({ events: trace.events, runs }).filter((f) => f.kind === 'db').map((f) => [f.from, f.to]),
    [[popf[0], db[0]], [popf[1], db[1]]]);
});

test('a trap pending with no TF behind it (a data breakpoint) flows from where it became pending', () => {
  const bp = Array.from({ length: 4 }, (_, i) => step(i, { pending_db: i === 2 ? '0x1' : '0x0', tf: i >= 1 }));
  assert.deepEqual(flowPairs({ events: [{ step: 3, type: 'db' }], runs: encodeLanes(bp, BASE_LANES) }), [{ from: 2, to: 3, kind: 'db' }]);
});
