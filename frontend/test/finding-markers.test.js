import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingMarkers, markerPlacement, markerRadius, SPLIT_WIDTH } from '../src/finding-markers.js';

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

test('draws a lone finding like an event marker: centred, letter when the radius allows', () => {
  const p = markerPlacement(100, 16, 22, { finding: true });
  assert.equal(p.event, null);
  assert.deepEqual(p.finding, { cx: 108, cy: 12, r: 7, letter: true, badge: false });
  assert.equal(markerPlacement(100, 8, 22, { finding: true }).finding.letter, false);
});

test('leaves an event marker alone when no finding shares its step', () => {
  assert.deepEqual(markerPlacement(0, 20, 22, { event: true }).event, { cx: 10, cy: 12, r: 8, letter: true, badge: false });
});

test('splits a wide column between the event and the finding, without overlap', () => {
  const { event, finding } = markerPlacement(0, 48, 22, { event: true, finding: true });
  assert.ok(event.cx + event.r <= finding.cx - finding.r, 'side by side');
  assert.ok(finding.cx + finding.r <= 48, 'inside the column');
  assert.ok(event.letter && finding.letter);
  assert.ok(SPLIT_WIDTH <= 48);
});

test('turns the finding into a corner badge in a narrow column, keeping the event marker whole', () => {
  const { event, finding } = markerPlacement(0, 16, 22, { event: true, finding: true });
  assert.deepEqual(event, { cx: 8, cy: 12, r: markerRadius(16), letter: true, badge: false });
  assert.equal(finding.badge, true);
  assert.ok(finding.cx + finding.r <= 16, 'inside the column');
  assert.ok(finding.cy - finding.r >= 0, 'inside the marker row');
  assert.ok(finding.r < event.r);
});
