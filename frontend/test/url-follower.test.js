import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUrlFollower } from '../src/url-follower.js';

function fakeClock() {
  const clock = { t: 0, timers: [] };
  clock.now = () => clock.t;
  clock.later = (fn, ms) => clock.timers.push({ at: clock.t + ms, fn });
  clock.advance = (ms) => {
    const end = clock.t + ms;
    for (;;) {
      const due = clock.timers.filter((x) => x.at <= end).sort((x, y) => x.at - y.at)[0];
      if (!due) break;
      clock.t = Math.max(clock.t, due.at);
      clock.timers.splice(clock.timers.indexOf(due), 1);
      due.fn();
    }
    clock.t = end;
  };
  return clock;
}

function follower(clock, step, written) {
  return createUrlFollower({ currentStep: () => step.value, write: (s) => written.push(s), now: clock.now, later: clock.later });
}

test('a short burst of steps is written step by step, at once', () => {
  const clock = fakeClock();
  const step = { value: 0 };
  const written = [];
  const url = follower(clock, step, written);
  for (let i = 1; i <= 4; i++) {
    step.value = i;
    url.replace();
    clock.advance(10);
  }
  assert.deepEqual(written, [1, 2, 3, 4]);
});

test('a held key at 60 steps a second writes a few times a second and ends on the last step', () => {
  const clock = fakeClock();
  const step = { value: 0 };
  const written = [];
  const url = follower(clock, step, written);
  for (let i = 1; i <= 600; i++) {
    step.value = i;
    url.replace();
    clock.advance(16.7);
  }
  clock.advance(1000);
  assert.equal(written.at(-1), 600, 'the last step is written');
  assert.ok(written.length <= 8 + 8 * 11, `at most 8 a second after the burst, got ${written.length} in 10 s`);
  assert.ok(written.length >= 60, `but it keeps following, got ${written.length}`);
});

test('flush writes at once, whatever the budget', () => {
  const clock = fakeClock();
  const step = { value: 3 };
  const written = [];
  const url = follower(clock, step, written);
  for (let i = 0; i < 20; i++) url.replace();
  step.value = 4;
  url.flush();
  assert.equal(written.at(-1), 4);
});

test('pushes spend the same budget', () => {
  const clock = fakeClock();
  const step = { value: 7 };
  const written = [];
  const url = follower(clock, step, written);
  for (let i = 0; i < 8; i++) url.pushed();
  url.replace();
  assert.deepEqual(written, []);
  clock.advance(200);
  assert.deepEqual(written, [7]);
});
