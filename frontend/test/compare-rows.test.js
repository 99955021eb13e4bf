import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpans, rowCount, rowAt, rowOf, nextRow } from '../src/compare-rows.js';

// A = 1 2 3 4, B = 1 9 9 2 3 5: a match, B's host work, a match, A alone, B alone
const spans = parseSpans('m,0,0,1;hb,1,1,2;m,1,3,2;a,3,5,1;b,4,5,1');

test('counts one row per matched pair and per step only one run takes', () => {
  assert.equal(rowCount(spans), 7);
});

test('a row holds the step of each run that takes one', () => {
  const rows = [...Array(7).keys()].map((r) => rowAt(spans, r));
  assert.deepEqual(rows.map((r) => r.a), [0, null, null, 1, 2, 3, null]);
  assert.deepEqual(rows.map((r) => r.b), [0, 1, 2, 3, 4, null, 5]);
});

test('host work is marked, and the run without it stays on the step before the gap', () => {
  const row = rowAt(spans, 2);
  assert.equal(row.host, true);
  assert.equal(row.only, 'b');
  assert.equal(row.near.a, 0);
});

test('a step finds its row in either run', () => {
  assert.equal(rowOf(spans, 'a', 1), 3);
  assert.equal(rowOf(spans, 'b', 2), 2);
  assert.equal(rowOf(spans, 'a', 99), null);
});

test('next and previous difference walk the sorted rows', () => {
  assert.equal(nextRow([3, 7, 12], 3, 1), 7);
  assert.equal(nextRow([3, 7, 12], 3, -1), null);
  assert.equal(nextRow([3, 7, 12], 10, -1), 7);
  assert.equal(nextRow([3, 7, 12], 12, 1), null);
});

test('no spans is no rows', () => {
  assert.equal(rowCount(parseSpans('')), 0);
  assert.equal(rowAt([], 0).a, null);
});
