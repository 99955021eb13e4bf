import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineCount, offsetOf, lineAt, parseLines } from '../src/editor-text.js';

test('counts a final line break as opening an empty last line', () => {
  assert.equal(lineCount(''), 1);
  assert.equal(lineCount('format: 1'), 1);
  assert.equal(lineCount('format: 1\n'), 2);
  assert.equal(lineCount('a\nb\nc'), 3);
});

test('finds the offset of a line and column, clamped to the line', () => {
  const text = 'format: 1\nprogram: |\n  stx\n';
  assert.equal(offsetOf(text, 1, 1), 0);
  assert.equal(offsetOf(text, 3, 3), text.indexOf('stx'));
  assert.equal(offsetOf(text, 3, 0), text.indexOf('  stx'));
  assert.equal(offsetOf(text, 2, 99), text.indexOf('\n  stx'));
  assert.equal(offsetOf(text, 40, 1), text.length);
});

test('maps an offset back to its line', () => {
  const text = 'a\nbb\nccc';
  assert.equal(lineAt(text, 0), 1);
  assert.equal(lineAt(text, 3), 2);
  assert.equal(lineAt(text, text.length), 3);
});

test('reads the problem lines of a check, ignoring anything that is not a number', () => {
  assert.deepEqual([...parseLines('3 7  12')], [3, 7, 12]);
  assert.deepEqual([...parseLines('')], []);
  assert.deepEqual([...parseLines(undefined)], []);
  assert.deepEqual([...parseLines('x 4')], [4]);
});
