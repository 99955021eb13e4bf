import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery, matchQuery, nextMatch, resolveAddress } from '../src/timeline-search.js';
import { BASE_LANES, encodeLanes } from '../src/lanes.js';
import { createStepIndex } from '../src/step-index.js';
import { step } from '../support/fixtures.js';

// the STI test's shape: BS set by the #DB at step 4 and sticky; IF on 3..3 and 6..6; the
// cli at fep_sti_start (0x40100b) runs at step 13; deliveries at 4 (#DB) and 7 (IRQ) report RIP 0x40100b
const steps = Array.from({ length: 15 }, (_, i) => step(i, {
  dr6: i >= 4 ? '0xffff4ff0' : '0xffff0ff0',
  if: i === 3 || i === 6,
}, { rip: [4, 7, 13].includes(i) ? '0x40100b' : '0x401000', kind: [4, 7].includes(i) ? 'deliver' : 'insn' }));
const runs = encodeLanes(steps, BASE_LANES);
const index = createStepIndex();
steps.forEach((s) => index.push(s));
const ctx = {
  runs, total: steps.length, symbols: { fep_sti_start: '0x40100b', db_handler: '0x401019' },
  events: [{ step: 4, type: 'db' }, { step: 7, type: 'irq' }, { step: 12, type: 'db' }],
  find: async (q) => index.find(q),
};
const run = async (text) => matchQuery(parseQuery(text, BASE_LANES), ctx);

test('"dr6.bs changes" finds the step where BS turns on', async () => {
  assert.deepEqual((await run('dr6.bs changes')).steps, [4]);
  assert.deepEqual((await run('bs changes')).steps, [4]);
});

test('"rip == fep_sti_start" finds every step at that label, deliveries included', async () => {
  assert.deepEqual((await run('rip == fep_sti_start')).steps, [4, 7, 13]);
  assert.deepEqual((await run('rip == 0x40100B')).steps, [4, 7, 13]);
});

test('"if == 1" finds the steps with interrupts enabled', async () => {
  assert.deepEqual((await run('if == 1')).steps, [3, 6]);
  assert.equal((await run('if != 1')).count, 13);
});

test('"event irq", "event" and a step kind', async () => {
  assert.deepEqual((await run('event irq')).steps, [7]);
  assert.deepEqual((await run('event db')).steps, [4, 12]);
  assert.deepEqual((await run('event')).steps, [4, 7, 12]);
  assert.deepEqual((await run('deliver')).steps, [4, 7]);
});

test('"and" keeps the steps both conditions match', async () => {
  assert.deepEqual((await run('rip == fep_sti_start and deliver')).steps, [4, 7]);
  assert.deepEqual((await run('event db && dr6.bs == 1')).steps, [4, 12]);
});

test('a bad query says what is wrong and where', async () => {
  assert.deepEqual(parseQuery('dr7 changes', BASE_LANES).at, 1);
  assert.match(parseQuery('dr7 changes', BASE_LANES).error, /"dr7" is not a field.*fields are rip, runs, tf, if/);
  assert.deepEqual(parseQuery('if ==', BASE_LANES), { error: '"if ==" needs a value after it.', at: 6 });
  assert.match(parseQuery('if == maybe', BASE_LANES).error, /IF is a flag: compare it with 1 or 0/);
  assert.equal(parseQuery('if == maybe', BASE_LANES).at, 7);
  assert.match(parseQuery('event foo', BASE_LANES).error, /"foo" is not an event type/);
  assert.match(parseQuery('if == 1 or tf == 1', BASE_LANES).error, /Join conditions with "and", not "or"/);
  assert.match(parseQuery('tf', BASE_LANES).error, /After "tf" comes "changes", "==" or "!="/);
  assert.match(parseQuery('', BASE_LANES).error, /Type a query/);
  const unknown = await run('rip == nowhere');
  assert.match(unknown.error, /"nowhere" is neither an address .* \(fep_sti_start, db_handler\)/);
  assert.equal(unknown.at, 8);
});

test('Enter goes to the next match after the current step, wrapping around', () => {
  assert.equal(nextMatch([4, 7, 13], 4), 7);
  assert.equal(nextMatch([4, 7, 13], 13), 4);
  assert.equal(nextMatch([4, 7, 13], 5, -1), 4);
  assert.equal(nextMatch([], 5), null);
});

test('resolves hex in any case and labels by the listing', () => {
  assert.equal(resolveAddress('0x0040100B', {}), '0x40100b');
  assert.equal(resolveAddress('db_handler', ctx.symbols), '0x401019');
});

test('the documented example "held == shadow and irr != none" finds an IRQ waiting for a shadow', async () => {
  const held = [step(0, { irr: ['0xaa'] }, { held: ['IRQ 0xaa held: IF=0'] }),
    step(1, { irr: ['0xaa'] }, { held: ['IRQ 0xaa held: STI shadow (blocking by STI lasts one instruction, SDM STI)'] }),
    step(2, { irr: [] }, { held: [] })];
  const r = await matchQuery(parseQuery('held == shadow and irr != none', BASE_LANES), { ...ctx, runs: encodeLanes(held, BASE_LANES), total: 3 });
  assert.deepEqual(r.steps, [1]);
});

test('finds the exits to userspace by name, the KVM_RUN calls by number, and who runs', async () => {
  const kvmSteps = Array.from({ length: 10 }, (_, i) => step(i, {}, { where: i < 2 || (i >= 5 && i < 7) ? 'host' : 'guest', phase: i < 6 ? 1 : 2 }));
  const phaseRuns = [{ start: 0, end: 6, value: 1 }, { start: 6, end: 10, value: 2 }];
  const kctx = {
    runs: encodeLanes(kvmSteps, BASE_LANES), total: 10, symbols: {}, phases: phaseRuns,
    events: [{ step: 5, type: 'exit_to_host', exit: 'KVM_EXIT_DEBUG' }, { step: 3, type: 'vmexit' }],
    find: async () => ({ steps: [], count: 0 }),
  };
  const q = async (text) => matchQuery(parseQuery(text, BASE_LANES), kctx);
  assert.deepEqual((await q('KVM_EXIT_DEBUG')).steps, [5]);
  assert.deepEqual((await q('kvm_exit_debug')).steps, [5], 'words are case-insensitive');
  assert.deepEqual((await q('KVM_EXIT_FAIL_ENTRY')).steps, []);
  assert.deepEqual((await q('event exit_to_host')).steps, [5]);
  assert.deepEqual((await q('phase:2')).steps, [6, 7, 8, 9]);
  assert.deepEqual((await q('phase == 1 and runs == host')).steps, [0, 1, 5]);
  assert.deepEqual((await q('phase != 1')).steps, [6, 7, 8, 9]);
  assert.deepEqual((await q('runs == L1')).steps, [2, 3, 4, 7, 8, 9]);
  assert.deepEqual((await q('runs changes')).steps, [2, 5, 7]);
  // a trace without phases matches none
  assert.deepEqual((await matchQuery(parseQuery('phase:1', BASE_LANES), { ...kctx, phases: undefined })).steps, []);
  assert.match(parseQuery('phase:x', BASE_LANES).error, /"phase:" takes a KVM_RUN call number/);
  assert.equal(parseQuery('phase:x', BASE_LANES).at, 7);
  assert.match(parseQuery('phase == two', BASE_LANES).error, /"phase ==" takes a KVM_RUN call number \(1, 2, \.\.\.\), not "two"/);
  assert.match(parseQuery('phase', BASE_LANES).error, /After "phase" comes "==" or "!="/);
});
