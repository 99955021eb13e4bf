import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hex, bitOf, dr6Names, vectorList } from '../src/format.js';

test('writes values as 0x-prefixed lower-case hex', () => {
  assert.equal(hex(0xffff4ff0), '0xffff4ff0');
  assert.equal(hex(0), '0x0');
});

test('reads single bits of a hex register value, short or 64-bit', () => {
  assert.equal(bitOf('0xffff4ff0', 14), 1);
  assert.equal(bitOf('0xffff0ff0', 14), 0);
  assert.equal(bitOf('0x0', 0), 0);
  assert.equal(bitOf('0x400', 10), 1);
  assert.equal(bitOf('0xffffffff00004001', 0), 1);
});

test('names the DR6 status bits that are set', () => {
  assert.deepEqual(dr6Names('0xffff4ff0'), ['BS']);
  assert.deepEqual(dr6Names('0xffff6ff1'), ['B0', 'BD', 'BS']);
  assert.deepEqual(dr6Names('0xffff0ff0'), []);
});

test('writes an empty vector list as none', () => {
  assert.equal(vectorList([]), 'none');
  assert.equal(vectorList(['0xaa', '0xec']), '0xaa 0xec');
});
