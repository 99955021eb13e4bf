import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tooltipFor, firstSentence } from '../src/timeline-tooltip.js';
import { BASE_LANES } from '../src/lanes.js';

const db = {
  index: 4, kind: 'deliver', rip: '0x40100b', label: 'fep_sti_start', text: '#DB delivered', where: 'guest',
  changed: ['rip', 'dr6'], held: ['IRQ 0xaa held: STI shadow'],
  why: 'The previous instruction began with TF=1, so its single-step trap is delivered now (DR6.BS, SDM 18.3.1.4). More.',
};

test('says where the step ran, what it changed, its event, what waited and why, in one sentence', () => {
  const tip = tooltipFor({ index: 4, step: db, frame: { event: '#DB', at: 'fep_sti_start', handler: 'db_handler' },
    here: [{ type: 'db', title: '#DB at 0x40100b (fep_sti_start)' }] });
  assert.equal(tip.title, 'Step 4 · #DB delivered');
  assert.deepEqual(tip.lines.map((l) => [l.key, l.text]), [
    ['where', 'fep_sti_start (0x40100b)'],
    ['frame', '#DB at fep_sti_start → db_handler'],
    ['changed', 'rip, dr6'],
    ['event', '#DB at 0x40100b (fep_sti_start)'],
    ['held', 'IRQ 0xaa held: STI shadow'],
    ['why', 'The previous instruction began with TF=1, so its single-step trap is delivered now (DR6.BS, SDM 18.3.1.4).'],
  ]);
});

test('names the lane under the pointer and its value', () => {
  const bs = BASE_LANES.find((l) => l.id === 'bs');
  const tip = tooltipFor({ index: 9, step: undefined, lane: bs, value: true });
  assert.deepEqual(tip.lines.map((l) => l.text), ['loading…', '1 (set) · DR6 bit 14: single step']);
});

test('a sentence ends at a full stop outside parentheses', () => {
  assert.equal(firstSentence('A (SDM 6.8.3. x) b. C.'), 'A (SDM 6.8.3. x) b.');
  assert.equal(firstSentence('No stop'), 'No stop');
});
