import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingMarkers } from '../src/finding-markers.js';

const eoi = { step: 8, kind: 'missing_eoi', severity: 'warning', message: 'no EOI' };
const note = { step: 4, kind: 'db_in_shadow', severity: 'info', message: 'a note' };
const whole = { kind: 'no_expect', severity: 'info', message: 'no expect block' };

test('makes one triangle per step with findings, in step order, lettered by severity', () => {
  const marks = findingMarkers([eoi, note]);
  assert.deepEqual(marks.map((m) => [m.step, m.letter, m.shape, m.severity]),
    [[4, 'i', 'triangle', 'info'], [8, '!', 'triangle', 'warning']]);
  assert.equal(marks[1].title, 'Warning (missing_eoi): no EOI');
});

test('gives findings about the whole run no marker', () => {
  assert.deepEqual(findingMarkers([whole, { ...whole, step: null }]), []);
  assert.deepEqual(findingMarkers(undefined), []);
});

test('merges findings of one step into one marker that is a warning when any of them is', () => {
  const [m] = findingMarkers([{ ...note, step: 8 }, eoi]);
  assert.equal(m.count, 2);
  assert.equal(m.letter, '!');
  assert.match(m.title, /^Info \(db_in_shadow\): a note; Warning \(missing_eoi\): no EOI$/);
});

test('accepts steps written as text, as the page reads them from data attributes', () => {
  assert.equal(findingMarkers([{ ...eoi, step: '12' }])[0].step, 12);
});
