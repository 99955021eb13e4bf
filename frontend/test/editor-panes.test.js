import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { split, join, toPane, keyLine } from '../src/editor-panes.js';

const LIBRARY = new URL('../../src/main/resources/scenarios/', import.meta.url);

test('every library scenario comes back as written after split and join', () => {
  const files = readdirSync(LIBRARY).filter((f) => f.endsWith('.yaml'));
  assert.ok(files.length > 50);
  for (const f of files) {
    const text = readFileSync(new URL(f, LIBRARY), 'utf8');
    const panes = split(text);
    assert.ok(panes.split, f);
    assert.equal(join(panes.settings, panes.program, panes.finalNewline, panes.nextKey).text, text, f);
  }
});

test('the program pane holds the block without its indentation and the settings the rest', () => {
  const panes = split('format: 1\ntitle: t\nprogram: |\n  sti\n    nop   # x\n\n  hlt\nexpect:\n  - outcome: completed\n');
  assert.equal(panes.program, 'sti\n  nop   # x\n\nhlt');
  assert.equal(panes.settings, 'format: 1\ntitle: t\nexpect:\n  - outcome: completed\n');
  assert.equal(panes.nextKey, 'expect');
});

test('pasted C inline asm, unindented and tab-indented, is indented by the join and reads back the same', () => {
  const pasted = '\tasm volatile("pushf\\n\\t"\n\t\t     "sti\\n\\t"\n\t\t     "fep_sti_start:"\n\t\t     "cli\\n\\t");\nhlt';
  const { text } = join('format: 1\n', pasted);
  assert.equal(text, 'format: 1\nprogram: |\n  \tasm volatile("pushf\\n\\t"\n  \t\t     "sti\\n\\t"\n'
    + '  \t\t     "fep_sti_start:"\n  \t\t     "cli\\n\\t");\n  hlt\n');
  assert.equal(split(text).program, pasted);
});

test('a program whose first line starts with a space gets an indentation indicator', () => {
  const { text } = join('format: 1\n', '  nop\nhlt');
  assert.equal(text, 'format: 1\nprogram: |2\n    nop\n  hlt\n');
  assert.equal(split(text).program, '  nop\nhlt');
});

test('chomping follows the program: |- without a final line break, |+ with empty lines kept', () => {
  const strip = split('format: 1\nprogram: |-\n  nop\n');
  assert.equal(strip.finalNewline, false);
  assert.equal(join(strip.settings, strip.program, strip.finalNewline).text, 'format: 1\nprogram: |-\n  nop\n');
  const keep = join('format: 1\n', 'nop\n', true);
  assert.equal(keep.text, 'format: 1\nprogram: |+\n  nop\n\n');
  assert.equal(split(keep.text).program, 'nop\n');
});

test('a text without a program block keeps everything in the settings pane', () => {
  const panes = split('format: 1\nprogram: "nop\\nhlt"\n');
  assert.equal(panes.split, false);
  assert.equal(panes.program, '');
  assert.equal(join(panes.settings, '').text, 'format: 1\nprogram: "nop\\nhlt"\n');
});

test('a place in the joined file is a place in its pane: program columns lose the block indentation', () => {
  const layout = join('format: 1\ntitle: t\nexpect:\n  - outcome: completed\n', 'sti\nstx %rax', true, 'expect');
  // format, title, program: |, sti, stx, expect, - outcome
  assert.equal(layout.programLine, 3);
  assert.deepEqual(toPane(layout, 5, 3), { pane: 'program', line: 2, column: 1 });
  assert.deepEqual(toPane(layout, 2, 8), { pane: 'settings', line: 2, column: 8 });
  assert.deepEqual(toPane(layout, 7, 5), { pane: 'settings', line: 4, column: 5 });
});

test('finds the line of a top-level key in the settings', () => {
  assert.equal(keyLine('format: 1\ntitle: x\n', 'title'), 2);
  assert.equal(keyLine('format: 1\n  title: x\n', 'title'), 0);
});
