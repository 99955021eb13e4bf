import { test } from 'node:test';
import assert from 'node:assert/strict';

// the browser globals step-player.js reads: an address bar and a history that record their calls
function browser() {
  const calls = [];
  globalThis.location = { pathname: '/compare', search: '?slug=s' };
  globalThis.window = {
    history: {
      pushState: (s, t, url) => calls.push(['push', url]),
      replaceState: (s, t, url) => calls.push(['replace', url]),
    },
    addEventListener: () => {},
  };
  globalThis.requestAnimationFrame = () => 0;
  return calls;
}

const { createStepPlayer } = await import('../src/step-player.js');

function player(options = {}) {
  let current = 0;
  const shown = [];
  const p = createStepPlayer({ total: 10, current: () => current, move: (n) => { current = n; shown.push(n); }, ...options });
  return { p, shown, at: () => current };
}

test('a jump is a history entry with the step in the address, clamped to the run', () => {
  const calls = browser();
  const { p, shown, at } = player();
  p.goTo(42, 'push');
  assert.equal(at(), 9);
  assert.deepEqual(shown, [9]);
  assert.deepEqual(calls[0], ['push', '/compare?slug=s&step=9']);
});

test('an embedded player never adds history entries', () => {
  const calls = browser();
  const { p } = player({ embedded: true });
  p.goTo(3, 'push');
  assert.equal(calls.filter(([kind]) => kind === 'push').length, 0);
  assert.deepEqual(calls.at(-1), ['replace', '/compare?slug=s&step=3']);
});

test('a step from the back button moves without writing the address', () => {
  const calls = browser();
  const { p, at } = player();
  p.goTo(4, 'none');
  assert.equal(at(), 4);
  assert.deepEqual(calls, []);
});

test('play tells the page, and pausing writes the address once more', () => {
  const calls = browser();
  const playing = [];
  const { p } = player({ onPlaying: (on) => playing.push(on) });
  p.setPlaying(true);
  assert.equal(p.playing(), true);
  p.setPlaying(false);
  assert.deepEqual(playing, [true, false]);
  assert.equal(calls.at(-1)[0], 'replace');
});
