import { test } from 'node:test';
import assert from 'node:assert/strict';
import './vocabulary-fixture.js';
import { completions, describe, sectionAt } from '../src/editor-help.js';

const labels = [{ name: 'fep_sti_start' }, { name: 'db_handler' }];
const names = (r) => r.options.map((o) => o.label);

test('offers the assembler\'s mnemonics where a statement starts, with what each does', () => {
  const r = completions('program', '  st', ['  st'], 0, labels);
  assert.ok(names(r).includes('sti'));
  assert.ok(names(r).includes('stc'));
  assert.ok(!names(r).includes('rdpid'), 'only the supported subset');
  assert.match(r.options.find((o) => o.label === 'sti').detail, /STI shadow/);
  assert.ok(names(completions('program', 'fep_sti_end: cl', [], 0, labels)).includes('cli'));
});

test('offers labels in an operand', () => {
  assert.deepEqual(names(completions('program', 'jmp fe', [], 0, labels)), ['fep_sti_start', 'db_handler']);
});

test('offers the keys of the section the cursor is in, from the scenario readers', () => {
  const lines = ['format: 1', 'hypervisor:', '  fixes:', '    re'];
  assert.equal(sectionAt(lines, 3, 4), 'hypervisor.fixes');
  assert.deepEqual(names(completions('settings', '    re', lines, 3, labels)), ['reinject_db_sets_bs', 'emulated_db_sets_bs']);
  assert.ok(names(completions('settings', 'li', ['li'], 0, labels)).includes('limits'));
  assert.ok(names(completions('settings', '  - db: {at: x, d', ['expect:', '  - db: {at: x, d'], 1, labels)).includes('dr6'));
});

test('offers vectors by number and name in the idt, and labels as values', () => {
  const r = completions('settings', '  ', ['idt:', '  '], 1, labels);
  assert.equal(r.options.find((o) => o.label === '1').detail, '#DB');
  assert.deepEqual(names(completions('settings', '  1: db', ['idt:', '  1: db'], 1, labels)), ['fep_sti_start', 'db_handler']);
});

test('describes a mnemonic with its SDM section and a label with its address', () => {
  assert.equal(describe('STI', new Map()),
    'sti: sets IF; when IF was 0 it starts the STI shadow (IRQs held one boundary, #DB not) (SDM Vol. 2B STI; Vol. 3A 6.8.3)');
  assert.equal(describe('fep_sti_start', new Map([['fep_sti_start', '0x40100b']])), 'fep_sti_start: label at 0x40100b');
  assert.equal(describe('nothing', new Map()), null);
});
