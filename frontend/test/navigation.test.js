import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clampStep, jumpTarget, stepFromQuery, urlForStep, keyAction, SHORTCUTS, playInterval, rangeFromQuery } from '../src/navigation.js';

const marks = [
  { step: 3, type: 'db' }, { step: 5, type: 'irq' }, { step: 9, type: 'db' }, { step: 12, type: 'nmi' },
];

test('clamps a step into the run', () => {
  assert.equal(clampStep(-4, 10), 0);
  assert.equal(clampStep(42, 10), 9);
  assert.equal(clampStep(NaN, 10), 0);
  assert.equal(clampStep(3, 0), 0);
});

test('jumps to the next event of any kind after the current step', () => {
  assert.equal(jumpTarget(marks, 3, +1), 5);
  assert.equal(jumpTarget(marks, 12, +1), null);
});

test('jumps back to the previous #DB, skipping other events', () => {
  assert.equal(jumpTarget(marks, 12, -1, 'db'), 9);
  assert.equal(jumpTarget(marks, 9, -1, 'db'), 3);
  assert.equal(jumpTarget(marks, 3, -1, 'db'), null);
});

test('jumps to the next IRQ only', () => {
  assert.equal(jumpTarget(marks, 0, +1, 'irq'), 5);
  assert.equal(jumpTarget(marks, 5, +1, 'irq'), null);
});

test('reads the step from the query string and clamps it to the run', () => {
  assert.equal(stepFromQuery('?step=7', 100), 7);
  assert.equal(stepFromQuery('?step=700', 100), 99);
  assert.equal(stepFromQuery('?step=abc', 100, 4), 4);
  assert.equal(stepFromQuery('', 100, 2), 2);
});

test('writes the step into the query and keeps other parameters', () => {
  assert.equal(urlForStep('/scenarios/sti', '?step=3&lane=tf', 8), '/scenarios/sti?step=8&lane=tf');
  assert.equal(urlForStep('/scenarios/sti', '', 0), '/scenarios/sti?step=0');
});

const press = (key, more = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, targetTag: 'BODY', ...more });

test('steps with the arrow keys and h/l', () => {
  assert.equal(keyAction(press('ArrowRight')), 'next');
  assert.equal(keyAction(press('h')), 'prev');
});

test('uses shifted letters to jump backwards', () => {
  assert.equal(keyAction(press('e')), 'nextDb');
  assert.equal(keyAction(press('E')), 'prevDb');
  assert.equal(keyAction(press('X')), 'prevExecution');
  assert.equal(keyAction(press('N')), 'prevEvent');
});

test('moves the view with W/A/S/D as in Perfetto', () => {
  assert.deepEqual(['w', 'a', 's', 'd'].map((k) => keyAction(press(k))), ['zoomIn', 'panLeft', 'zoomOut', 'panRight']);
});

test('keeps the visible steps in the address as from= and to=, and reads them back within the run', () => {
  assert.equal(urlForStep('/s', '?step=1&lanes=tf', 4, { from: 2, to: 9 }), '/s?step=4&lanes=tf&from=2&to=9');
  assert.equal(urlForStep('/s', '?lanes=irr%2Ctf', 4), '/s?lanes=irr,tf&step=4');
  assert.equal(urlForStep('/s', '?step=1&from=2&to=9', 4), '/s?step=4');
  assert.deepEqual(rangeFromQuery('?from=2&to=9', 23), { from: 2, to: 9 });
  assert.deepEqual(rangeFromQuery('?from=20&to=90', 23), { from: 20, to: 23 });
  assert.deepEqual(rangeFromQuery('?from=9&to=2', 23), { from: 9, to: 10 });
  assert.equal(rangeFromQuery('?from=x&to=2', 23), null);
  assert.equal(rangeFromQuery('?step=2', 23), null);
});

test('leaves keys alone while typing, choosing from a list, or with a modifier', () => {
  assert.equal(keyAction(press('l', { targetTag: 'INPUT' })), null);
  assert.equal(keyAction(press('ArrowRight', { targetTag: 'SELECT' })), null);
  assert.equal(keyAction(press('ArrowRight', { ctrlKey: true })), null);
  assert.equal(keyAction(press('l', { editable: true })), null);
});

test('lets a focused button take Space and Enter, but not the arrows', () => {
  assert.equal(keyAction(press(' ', { targetTag: 'BUTTON' })), null);
  assert.equal(keyAction(press('ArrowLeft', { targetTag: 'BUTTON' })), 'prev');
  assert.equal(keyAction(press(' ')), 'play');
});

test('documents a key for every action the keyboard can trigger', () => {
  const documented = new Set(SHORTCUTS.map((s) => s.action));
  for (const key of ['ArrowRight', 'ArrowLeft', 'PageDown', 'PageUp', 'Home', 'End', ' ', 'n', 'N', 'e', 'E', 'i', 'I', 'w', 'a', 's', 'd', 'f', 'x', 'X', '/', '?']) {
    assert.ok(documented.has(keyAction(press(key))), key + ' is not in the help');
  }
});

test('plays 5 steps per second as one step every 200 ms', () => {
  assert.equal(playInterval(5), 200);
});

test('leaves page-scrolling keys to the page when focus is outside the player', () => {
  assert.equal(keyAction(press('PageDown', { inPlayer: false })), null);
  assert.equal(keyAction(press('ArrowRight', { inPlayer: false })), null);
  assert.equal(keyAction(press('l', { inPlayer: false })), 'next');
});
