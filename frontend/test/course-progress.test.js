import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProgress, markVisited, markAnswered, lessonState, wasAnswered, loadProgress, saveProgress, STORAGE_KEY } from '../src/course-progress.js';

test('unreadable stored progress is a fresh start', () => {
  assert.deepEqual(parseProgress('not json'), {});
  assert.deepEqual(parseProgress('[1,2]'), {});
  assert.deepEqual(parseProgress(null), {});
});

test('a lesson opened but not answered is started, and done once every question is answered', () => {
  let p = markVisited({}, 'course-01');
  assert.equal(lessonState(p, 'course-01', 2), 'started');
  p = markAnswered(p, 'course-01', 'q1');
  assert.equal(lessonState(p, 'course-01', 2), 'started');
  p = markAnswered(p, 'course-01', 'q2');
  assert.equal(lessonState(p, 'course-01', 2), 'done');
  assert.equal(lessonState(p, 'course-02', 1), null);
});

test('answering the same question twice counts once', () => {
  const p = markAnswered(markAnswered({}, 'l', 'q1'), 'l', 'q1');
  assert.deepEqual(p.l.answered, ['q1']);
  assert.equal(wasAnswered(p, 'l', 'q1'), true);
  assert.equal(wasAnswered(p, 'l', 'q2'), false);
});

test('progress survives a save and a load, and a throwing storage is ignored', () => {
  const map = new Map();
  const storage = { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => map.set(k, v) };
  saveProgress(markAnswered({}, 'l', 'q1'), storage);
  assert.ok(map.has(STORAGE_KEY));
  assert.equal(wasAnswered(loadProgress(storage), 'l', 'q1'), true);
  const blocked = { getItem() { throw new Error('blocked'); }, setItem() { throw new Error('full'); } };
  assert.deepEqual(loadProgress(blocked), {});
  saveProgress({}, blocked);
});
