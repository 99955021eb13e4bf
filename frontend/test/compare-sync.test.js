import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sameValue, linkState, mergeMarkers } from '../src/compare-sync.js';

test('treats views with the same numbers as the same, and anything else as different', () => {
  assert.ok(sameValue({ first: 3, width: 800 }, { first: 3, width: 800 }));
  assert.ok(!sameValue({ first: 3, width: 800 }, { first: 4, width: 800 }));
  assert.ok(!sameValue({ first: 3 }, { first: 3, width: 800 }));
  assert.ok(sameValue(7, 7));
  assert.ok(!sameValue(7, null));
});

test('two linked states read and write one current step and view', () => {
  const shared = { current: 0, view: { first: 0, width: 800 } };
  const changes = [];
  const a = linkState(shared, { runs: 'a' }, (key) => changes.push('a:' + key));
  const b = linkState(shared, { runs: 'b' }, (key) => changes.push('b:' + key));
  a.current = 9;
  assert.equal(b.current, 9);
  b.view = { first: 5, width: 800 };
  assert.deepEqual(a.view, { first: 5, width: 800 });
  assert.deepEqual(changes, ['a:current', 'b:view']);
  assert.equal(a.runs, 'a');
  assert.equal(b.runs, 'b');
});

test('writing an equal value is quiet, so two timelines do not repaint each other forever', () => {
  const shared = { view: { first: 0, width: 800 } };
  let calls = 0;
  const a = linkState(shared, {}, () => calls++);
  a.view = { first: 0, width: 800 };
  a.view = { ...a.view };
  assert.equal(calls, 0);
});

test('merges both sides markers in step order', () => {
  const merged = mergeMarkers([{ step: 4, type: 'db' }, { step: 9, type: 'irq' }], [{ step: 1, type: 'vmexit' }, { step: 9, type: 'vmentry_failed' }]);
  assert.deepEqual(merged.map((m) => m.step), [1, 4, 9, 9]);
});
