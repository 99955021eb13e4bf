import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeMarkers, mergeByStep, groupLabel, placeLabels } from '../src/timeline-markers.js';

const m = (step, letter, type = 'db') => ({ step, letter, type });
const centerAt = (w) => (step) => step * w + w / 2;

function assertApart(placed, gap = 2) {
  for (let i = 1; i < placed.length; i++) {
    const a = placed[i - 1];
    const b = placed[i];
    assert.ok(b.cx - b.w / 2 >= a.cx + a.w / 2 + gap - 1e-9, `markers ${i - 1} and ${i} overlap: ${JSON.stringify([a, b])}`);
  }
}

test('puts each marker at the centre of its column when they have room', () => {
  const placed = placeMarkers([m(4, 'D'), m(7, 'I', 'irq')], centerAt(52), 52);
  assert.deepEqual(placed.map((p) => [p.cx, p.members.length]), [[4 * 52 + 26, 1], [7 * 52 + 26, 1]]);
});

test('an event and a finding of one wide column sit side by side', () => {
  const list = mergeByStep([m(4, 'D')], [m(4, '!', 'finding')]);
  const placed = placeMarkers(list, centerAt(52), 52);
  assert.equal(placed.length, 2);
  assert.equal(placed[0].members[0].letter, 'D');
  assertApart(placed);
  assert.ok(placed[1].cx + placed[1].r <= 5 * 52, 'the finding stays inside its column');
});

test('markers too close to stand apart at 390 px join one pill with their letters', () => {
  const list = mergeByStep([m(4, 'D'), m(5, 'I', 'irq')], [m(4, '!', 'finding')]);
  const placed = placeMarkers(list, centerAt(12), 12);
  assert.equal(placed.length, 1);
  assert.equal(groupLabel(placed[0].members), 'D!I');
});

test('no two markers ever overlap, however narrow the columns', () => {
  const list = [];
  for (let s = 0; s < 400; s += 1 + (s % 7)) list.push(m(s, 'D'));
  for (const w of [1, 3, 8, 16, 40]) assertApart(placeMarkers(list, centerAt(w), w));
});

test('a large group shows its count', () => {
  assert.equal(groupLabel([m(1, 'D'), m(2, 'D'), m(3, 'I'), m(4, 'I')]), '4');
});

test('writes where each event landed beside its markers, shortened or left out when the next marker is close', () => {
  const measure = (t) => t.length * 6;
  const m = (step, place, type = 'db') => ({ step, type, place });
  // a #DB at fep_sti_start with a finding beside it, an IRQ there too, and a #DB at fep_sti_end 78 px after it
  const placed = [
    { cx: 26, w: 12, members: [m(0, 'fep_sti_start')] },
    { cx: 40, w: 12, members: [{ step: 0, type: 'finding' }] },
    { cx: 182, w: 12, members: [m(3, 'fep_sti_start', 'irq')] },
    { cx: 260, w: 12, members: [m(4, 'fep_sti_end')] },
  ];
  assert.deepEqual(placeLabels(placed, measure, 400), [
    { x: 49, text: 'fep_sti_start' }, // after the finding beside it
    { x: 191, text: 'fep…start' }, // 60 px before the next marker: the short form
    { x: 269, text: 'fep_sti_end' },
  ]);
  assert.deepEqual(placeLabels(placed, measure, 330).map((l) => l.text), ['fep_sti_start', 'fep…start', 'fep…end']);
  assert.deepEqual(placeLabels([{ cx: 10, w: 12, members: [m(0, 'a'), m(1, 'b')] }], measure, 400), [], 'a group of two steps has no one place');
});
