import { test } from 'node:test';
import assert from 'node:assert/strict';
import { laneNames, selectLanes, unknownLanesText, moveLane, pickerOrder, lanesParam } from '../src/lane-selection.js';
import { BASE_LANES } from '../src/lanes.js';

const ids = (lanes) => lanes.map((l) => l.id);

test('reads lane names from the query, lower case, ignoring blanks', () => {
  assert.deepEqual(laneNames('?step=4&lanes=TF,%20if,,dr6'), ['tf', 'if', 'dr6']);
  assert.deepEqual(laneNames('?step=4'), []);
  assert.deepEqual(laneNames('?lanes='), []);
});

test('selects lanes by id and by group, in the link\'s order, a group\'s lanes in their usual order', () => {
  const { lanes, unknown } = selectLanes(BASE_LANES, ['dr6', 'if', 'tf']);
  assert.deepEqual(ids(lanes), ['b0', 'b1', 'b2', 'b3', 'bd', 'bs', 'bt', 'if', 'tf']);
  assert.deepEqual(unknown, []);
});

test('a lane named twice (by id, then in its group) stays where it was first named', () => {
  assert.deepEqual(ids(selectLanes(BASE_LANES, ['bs', 'dr6']).lanes), ['bs', 'b0', 'b1', 'b2', 'b3', 'bd', 'bt']);
});

test('moves a lane up or down one place, and not past either end', () => {
  assert.deepEqual(moveLane(['tf', 'if', 'irr'], 'irr', -1), ['tf', 'irr', 'if']);
  assert.deepEqual(moveLane(['tf', 'if', 'irr'], 'tf', +1), ['if', 'tf', 'irr']);
  assert.deepEqual(moveLane(['tf', 'if', 'irr'], 'tf', -1), ['tf', 'if', 'irr']);
  assert.deepEqual(moveLane(['tf', 'if', 'irr'], 'irr', +1), ['tf', 'if', 'irr']);
  assert.deepEqual(moveLane(['tf', 'if'], 'dr7', -1), ['tf', 'if']);
});

test('the picker lists the chosen lanes first, in their order, then the others as usual', () => {
  const chosen = selectLanes(BASE_LANES, ['irr', 'tf']).lanes;
  assert.deepEqual(ids(pickerOrder(BASE_LANES, chosen)).slice(0, 4), ['irr', 'tf', 'runs', 'if']);
  assert.equal(pickerOrder(BASE_LANES, chosen).length, BASE_LANES.length);
});

test('the address names the lanes when they are fewer or reordered, and nothing when all are shown as usual', () => {
  const all = ids(BASE_LANES);
  assert.equal(lanesParam(all, all), null);
  assert.equal(lanesParam(moveLane(all, 'irr', -1), all).split(',').indexOf('irr'), all.indexOf('irr') - 1);
  assert.equal(lanesParam(['irr', 'tf'], all), 'irr,tf');
  assert.equal(lanesParam([], all), null);
  // what the address says is read back in the same order
  assert.deepEqual(ids(selectLanes(BASE_LANES, laneNames('?lanes=' + lanesParam(['irr', 'tf', 'held'], all))).lanes), ['irr', 'tf', 'held']);
});

test('shows every lane when the link names none', () => {
  assert.equal(selectLanes(BASE_LANES, []).lanes, BASE_LANES);
});

test('reports names that match no lane, and shows every lane when none matched', () => {
  const some = selectLanes(BASE_LANES, ['tf', 'vmcs-int']);
  assert.deepEqual(ids(some.lanes), ['tf']);
  assert.deepEqual(some.unknown, ['vmcs-int']);
  const none = selectLanes(BASE_LANES, ['dr7']);
  assert.equal(none.lanes, BASE_LANES);
  assert.deepEqual(none.unknown, ['dr7']);
});

test('says which names are unknown and how lanes are named', () => {
  const text = unknownLanesText(['dr7'], BASE_LANES);
  assert.match(text, /does not have \(dr7\)/);
  assert.match(text, /by id \(runs, tf, if, rf, /);
  assert.match(text, /group \(runs, flags, shadow, dr6, pending, held, apic\)/);
  assert.equal(unknownLanesText([], BASE_LANES), '');
});
