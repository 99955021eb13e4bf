import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStepIndex } from '../src/step-index.js';

const s = (index, rip, kind = 'insn') => ({ index, rip, kind });

test('finds every execution of an address, in step order', () => {
  const index = createStepIndex();
  // the STI test runs sti at 0x40100a once per half; here the loop body twice
  [s(0, '0x401000'), s(1, '0x40100a'), s(2, '0x40100b', 'deliver'), s(3, '0x401000'), s(4, '0x40100a')].forEach((x) => index.push(x));
  assert.deepEqual(index.find({ address: '0x40100a' }), { steps: [1, 4], count: 2 });
  assert.deepEqual(index.find({ address: '0x999999' }), { steps: [], count: 0 });
});

test('finds the steps of one kind', () => {
  const index = createStepIndex();
  [s(0, '0x1', 'host'), s(1, '0x1', 'vmentry'), s(2, '0x1'), s(3, '0x2', 'vmexit')].forEach((x) => index.push(x));
  assert.deepEqual(index.find({ kind: 'vmentry' }).steps, [1]);
  assert.deepEqual(index.find({ kind: 'bogus' }).steps, []);
});

test('grows past its first allocation and ignores a repeated step', () => {
  const index = createStepIndex();
  for (let i = 0; i < 5000; i++) index.push(s(i, i % 2 ? '0xb' : '0xa'));
  assert.equal(index.push(s(10, '0xa')), false);
  assert.equal(index.find({ address: '0xb' }).count, 2500);
});
