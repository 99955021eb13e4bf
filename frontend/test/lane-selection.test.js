import { test } from 'node:test';
import assert from 'node:assert/strict';
import { laneNames, selectLanes, unknownLanesText } from '../src/lane-selection.js';
import { BASE_LANES } from '../src/lanes.js';

const ids = (lanes) => lanes.map((l) => l.id);

test('reads lane names from the query, lower case, ignoring blanks', () => {
  assert.deepEqual(laneNames('?step=4&lanes=TF,%20if,,dr6'), ['tf', 'if', 'dr6']);
  assert.deepEqual(laneNames('?step=4'), []);
  assert.deepEqual(laneNames('?lanes='), []);
});

test('selects lanes by id and by group, in the timeline order rather than the link order', () => {
  const { lanes, unknown } = selectLanes(BASE_LANES, ['dr6', 'if', 'tf']);
  assert.deepEqual(ids(lanes), ['tf', 'if', 'b0', 'b1', 'b2', 'b3', 'bd', 'bs', 'bt']);
  assert.deepEqual(unknown, []);
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
  assert.match(text, /by id \(tf, if, rf, /);
  assert.match(text, /group \(flags, shadow, dr6, pending, held, apic\)/);
  assert.equal(unknownLanesText([], BASE_LANES), '');
});
