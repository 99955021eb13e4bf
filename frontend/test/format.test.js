import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hex } from '../src/format.js';

test('writes values as 0x-prefixed lower-case hex', () => {
  assert.equal(hex(0xffff4ff0), '0xffff4ff0');
  assert.equal(hex(0), '0x0');
});
