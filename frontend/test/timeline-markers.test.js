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
    { x: 49, text: 'fep_sti_start', row: 0, step: 0 }, // after the finding beside it
    { x: 191, text: 'fep…start', row: 0, step: 3 }, // 60 px before the next marker: the short form
    { x: 269, text: 'fep_sti_end', row: 0, step: 4 },
  ]);
  assert.deepEqual(placeLabels(placed, measure, 330).map((l) => l.text), ['fep_sti_start', 'fep…start', 'fep…end']);
  assert.deepEqual(placeLabels([{ cx: 10, w: 12, members: [m(0, 'a'), m(1, 'b')] }], measure, 400), [], 'a group of two steps has no one place');
});

test('with a line under the markers, a label that does not fit beside its marker goes under it, and no two overlap', () => {
  const measure = (t) => t.length * 6;
  const m = (step, place, type = 'db') => ({ step, type, place });
  // the STI test under KVM at 28 px a column: the #DB exit (6), the entry-needs-fix finding (9), the
  // injected #DB delivered at fep_sti_start (10) right before the preemption-timer exit at db_handler (11)
  const cx = (step) => step * 28 + 14;
  const placed = [
    { cx: cx(6), w: 14, members: [m(6, 'fep_sti_start', 'vmexit')] },
    { cx: cx(9), w: 14, members: [{ step: 9, type: 'finding' }] },
    { cx: cx(10), w: 14, members: [m(10, 'fep_sti_start')] },
    { cx: cx(11), w: 14, members: [m(11, 'db_handler', 'vmexit')] },
    { cx: cx(16), w: 14, members: [m(16, 'fep_sti_start', 'vmexit')] },
  ];
  // one line: the #DB at 10 has 8 px before the exit at 11, so nothing fits there
  assert.deepEqual(placeLabels(placed, measure, 600).map((l) => l.step), [6, 11, 16]);
  const two = placeLabels(placed, measure, 600, { rows: 2 });
  assert.deepEqual(two.map((l) => [l.step, l.row, l.text]), [
    [6, 1, 'fep_sti_start'], // 78 px wide, 61 px before the finding: under its marker
    [10, 1, 'fep_sti_start'], // under the #DB, after the label of the exit at 6
    [11, 0, 'db_handler'],
    [16, 0, 'fep_sti_start'], // room beside it, up to the right edge
  ]);
  for (const row of [0, 1]) {
    const line = two.filter((l) => l.row === row);
    for (let i = 1; i < line.length; i++) assert.ok(line[i].x >= line[i - 1].x + measure(line[i - 1].text), `row ${row}: labels ${i - 1} and ${i} overlap`);
  }
  // in the marker row a label never runs into the next marker
  for (const l of two.filter((x) => x.row === 0)) {
    const next = placed.find((p) => p.cx - p.w / 2 > l.x);
    if (next) assert.ok(l.x + measure(l.text) <= next.cx - next.w / 2);
  }
  // under the markers a label starts under its own marker
  assert.equal(two[1].x, cx(10) - 7);
});

test('under the markers, a label never starts past its own marker: it takes a short form beside it, or is left out', () => {
  const measure = (t) => t.length * 6;
  const m = (step, place) => ({ step, type: 'db', place });
  // two neighbours 20 px apart, both with long places: the second has room beside it
  const placed = [{ cx: 20, w: 14, members: [m(0, 'fep_sti_start')] }, { cx: 40, w: 14, members: [m(1, 'fep_sti_end')] }];
  const labels = placeLabels(placed, measure, 200, { rows: 2 });
  assert.deepEqual(labels.map((l) => [l.row, l.text]), [[1, 'fep_sti_start'], [0, 'fep_sti_end']]);
  // a third one right after: the second has no room beside it, and under it the first one's text
  // runs past its marker, so it has no label rather than one under the third marker
  const narrow = placeLabels([...placed, { cx: 60, w: 14, members: [m(2, 'irq_handler_end')] }], measure, 200, { rows: 2 });
  assert.deepEqual(narrow.map((l) => [l.step, l.row]), [[0, 1], [2, 0]]);
  // the exits of debug_regs.c hw_bp on a phone: X hw_bp0 and its KVM_EXIT_DEBUG 30 px apart, 60 px to the
  // next pair; hw_bp0 goes under its X, so the exit's name, with no room under its H, takes a short
  // form beside it; hw_bp1 stays under its own X (not under the next marker)
  const phone = [
    { cx: 100, w: 14, members: [m(3, 'hw_bp0')] }, { cx: 130, w: 14, members: [m(4, 'KVM_EXIT_DEBUG')] },
    { cx: 190, w: 14, members: [m(8, 'hw_bp1')] }, { cx: 220, w: 14, members: [m(9, 'KVM_EXIT_DEBUG')] },
  ];
  const shown = placeLabels(phone, measure, 330, { rows: 2 });
  assert.deepEqual(shown.map((l) => [l.step, l.row, l.text]), [[3, 1, 'hw_bp0'], [4, 0, '…DEBUG'], [8, 1, 'hw_bp1'], [9, 0, 'KVM_EXIT_DEBUG']]);
  for (const l of shown.filter((x) => x.row === 1)) {
    const own = phone.find((p) => p.members[0].step === l.step);
    assert.ok(l.x <= own.cx + own.w / 2, `the label of step ${l.step} starts under its marker`);
  }
});
