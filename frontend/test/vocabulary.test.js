import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './vocabulary-fixture.js';
import {
  eventName, eventStyle, eventTitle, laneName, laneTitle, loadVocabulary, ruleOf, setVocabulary, shadowName, vectorName,
  vocabulary,
} from '../src/vocabulary.js';
import { BASE_LANES, VMX_LANES } from '../src/lanes.js';
import { markers } from '../src/timeline-layout.js';

const bare = fixture('debug-regs-sti-bare-metal.json');
const kvm = fixture('debug-regs-sti-kvm.json');

test('names every event of the library fixtures exactly as the Java side does', () => {
  for (const { event, name } of fixture('event-names.json')) {
    assert.equal(eventName(event), name, JSON.stringify(event));
  }
});

test('marks the two #DBs and the IRQ of the STI test with their letters and shapes', () => {
  const list = markers(bare.events);
  assert.deepEqual(list.map((m) => [m.letter, m.shape]), [['D', 'square'], ['I', 'circle'], ['D', 'square']]);
  assert.match(list[0].title, /^#DB at 0x[0-9a-f]+ \(fep_sti_start\), DR6 0xffff4ff0 \(BS\)$/);
  assert.match(list[1].title, /^IRQ 0xaa at 0x[0-9a-f]+ \(fep_sti_start\)$/);
});

test('gives the lanes the names and titles of the vocabulary', () => {
  const ids = vocabulary().lanes.map((l) => l.id);
  assert.deepEqual([...BASE_LANES, ...VMX_LANES].map((l) => l.id), ids);
  for (const lane of [...BASE_LANES, ...VMX_LANES]) {
    assert.equal(lane.label, laneName(lane.id), lane.id);
    assert.equal(lane.title, laneTitle(lane.id), lane.id);
  }
});

test('names vectors by their SDM mnemonic and shadows by their instruction', () => {
  assert.equal(vectorName(13), '#GP');
  assert.equal(vectorName(1), '#DB');
  assert.equal(vectorName(0x80), 'vector 0x80');
  assert.equal(shadowName('mov_ss'), 'MOV SS');
  assert.equal(shadowName('sti'), 'STI');
  assert.equal(eventStyle('nmi').shape, 'diamond');
  assert.equal(eventStyle('nonsense').letter, '?');
});

test('every step of the fixture traces names a rule the vocabulary explains, one per held line', () => {
  for (const trace of [bare, kvm]) {
    for (const step of trace.steps) {
      assert.ok(step.rule, `step ${step.index} has a rule`);
      const rule = ruleOf(step.rule);
      assert.ok(rule && rule.sentence && rule.source, step.rule);
      assert.equal((step.rules ?? []).length, step.held.length, `step ${step.index}`);
      for (const id of step.rules ?? []) assert.ok(ruleOf(id), id);
    }
  }
  const sti = bare.steps.find((s) => s.text.startsWith('sti'));
  assert.equal(sti.rule, 'STI_SHADOW_STARTED');
});

test('reads the memory writes of a delivery and of the handler that clears TF in the saved RFLAGS', () => {
  const db = bare.steps.find((s) => s.kind === 'deliver');
  assert.deepEqual(db.writes.map((w) => w.address), ['0x7ffff8', '0x7ffff0', '0x7fffe8', '0x7fffe0', '0x7fffd8']);
  assert.ok(db.writes.every((w) => w.size === 8));
  const andq = bare.steps[db.index + 1];
  assert.deepEqual(andq.writes, [{ address: '0x7fffe8', size: 8, old: '0x302', new: '0x202' }]);
  assert.equal(bare.steps.find((s) => s.text === 'popf').writes, undefined);
});

test('loads the vocabulary once from the server, and keeps the old one when the server fails', async () => {
  const before = vocabulary();
  assert.equal(await loadVocabulary(async () => ({ ok: false })), false);
  assert.equal(vocabulary(), before);
  assert.equal(await loadVocabulary(async () => { throw new Error('offline'); }), false);
  let asked = '';
  const ok = await loadVocabulary(async (url) => { asked = url; return { ok: true, json: async () => before }; });
  assert.equal(ok, true);
  assert.equal(asked, '/api/vocabulary.json');
  assert.equal(eventTitle({ type: 'vmexit', reason: 'exception', vector: 1 }), 'VM exit (exception #DB)');
  setVocabulary(before);
});
