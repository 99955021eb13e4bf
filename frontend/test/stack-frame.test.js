import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stackWords, rflagsNames, frameSlots } from '../src/stack-frame.js';

// debug_regs.c's STI test: RSP is 0x800000 when sti traps; the 64-bit #DB delivery aligns RSP
// to 16 and pushes SS, RSP, RFLAGS (IF=1 TF=1: 0x302), CS and RIP (fep_sti_start, 0x40100b),
// leaving RSP at 0x7fffd8; db_handler's andq $~X86_EFLAGS_TF, 16(%rsp) rewrites the saved
// RFLAGS at 0x7fffe8 from 0x302 to 0x202.
const delivery = {
  index: 4, kind: 'deliver',
  writes: [
    { address: '0x7ffff8', size: 8, old: '0x0', new: '0x0' },
    { address: '0x7ffff0', size: 8, old: '0x0', new: '0x800000' },
    { address: '0x7fffe8', size: 8, old: '0x0', new: '0x302' },
    { address: '0x7fffe0', size: 8, old: '0x0', new: '0x8' },
    { address: '0x7fffd8', size: 8, old: '0x0', new: '0x40100b' },
  ],
};
const andq = { index: 5, kind: 'insn', writes: [{ address: '0x7fffe8', size: 8, old: '0x302', new: '0x202' }] };

test('names RFLAGS bits', () => {
  assert.deepEqual(rflagsNames('0x302'), ['TF', 'IF']);
  assert.deepEqual(rflagsNames('0x10202'), ['IF', 'RF']);
});

test('names the frame a delivery pushed, slot by slot', () => {
  const words = stackWords({ steps: [delivery], rsp: '0x7fffd8', delivery, count: 5 });
  assert.deepEqual(words.map((w) => [w.address, w.slot, w.value]), [
    ['0x7fffd8', 'RIP', '0x40100b'], ['0x7fffe0', 'CS', '0x8'], ['0x7fffe8', 'RFLAGS', '0x302'],
    ['0x7ffff0', 'RSP', '0x800000'], ['0x7ffff8', 'SS', '0x0'],
  ]);
  assert.deepEqual(words[2].flags, ['TF', 'IF']);
});

test('marks the handler\'s andq on the saved RFLAGS: TF cleared', () => {
  const words = stackWords({ steps: [delivery, andq], rsp: '0x7fffd8', delivery, count: 5 });
  const rflags = words[2];
  assert.equal(rflags.value, '0x202');
  assert.deepEqual(rflags.flags, ['IF']);
  assert.deepEqual(rflags.write, { step: 5, old: '0x302', new: '0x202', size: 8, cleared: ['TF'], set: [] });
  assert.equal(words[0].write, null);
});

test('a vector with an error code gets a slot below RIP', () => {
  const gp = { index: 9, writes: [...delivery.writes, { address: '0x7fffd0', size: 8, old: '0x0', new: '0x0' }] };
  assert.equal(frameSlots(gp).get(0x7fffd0n), 'error code');
  assert.equal(frameSlots(gp).get(0x7fffd8n), 'RIP');
});

test('a word no step wrote is unknown, not zero; a smaller write fills its bytes', () => {
  const words = stackWords({ steps: [{ index: 0, writes: [{ address: '0x1000', size: 4, old: '0x0', new: '0xdeadbeef' }] }], rsp: '0x1000', count: 2 });
  assert.equal(words[0].value, null);
  const full = stackWords({ steps: [{ index: 0, writes: [
    { address: '0x1000', size: 4, old: '0x0', new: '0xdeadbeef' }, { address: '0x1004', size: 4, old: '0x0', new: '0x1' }] }], rsp: '0x1000', count: 1 });
  assert.equal(full[0].value, '0x1deadbeef');
  assert.equal(words[1].value, null);
});
