import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUrlFollower } from '../src/url-follower.js';

function fakeClock() {
  const clock = { t: 0, timers: [] };
  clock.now = () => clock.t;
  clock.later = (fn, ms) => clock.timers.push({ at: clock.t + ms, fn });
  clock.advance = (ms) => {
    clock.t += ms;
    for (const timer of clock.timers.filter((x) => x.at <= clock.t)) {
      clock.timers.splice(clock.timers.indexOf(timer), 1);
      timer.fn();
    }
  };
  return clock;
}

test('writes the first step at once, then at most every interval, ending on the last step', () => {
  const clock = fakeClock();
  let step = 0;
  const written = [];
  const url = createUrlFollower({ currentStep: () => step, write: (s) => written.push(s), now: clock.now, later: clock.later });
  step = 1; url.replace();
  assert.deepEqual(written, [1]);
  for (let i = 2; i <= 20; i++) {
    clock.advance(16);
    step = i;
    url.replace();
  }
  clock.advance(300);
  assert.equal(written.at(-1), 20, 'the last step is written');
  assert.ok(written.length <= 3, `few writes for 20 steps in 320 ms, got ${written.length}`);
});

test('a push counts as a write, so a replace right after it waits', () => {
  const clock = fakeClock();
  const written = [];
  const url = createUrlFollower({ currentStep: () => 7, write: (s) => written.push(s), now: clock.now, later: clock.later });
  clock.advance(1000);
  url.pushed();
  url.replace();
  assert.deepEqual(written, []);
  clock.advance(250);
  assert.deepEqual(written, [7]);
});

test('flush writes at once, whatever the interval', () => {
  const clock = fakeClock();
  let step = 3;
  const written = [];
  const url = createUrlFollower({ currentStep: () => step, write: (s) => written.push(s), now: clock.now, later: clock.later });
  url.replace();
  step = 4;
  url.replace();
  url.flush();
  assert.deepEqual(written, [3, 4]);
});
