import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  shortForms,
  whereLabel, framesOf, frameNames, createFrameTracker, createFrameMirror, applyFrameDelta, framesInRange, frameAt,
  whereSlices, baseSymbol, MAX_DEPTH,
} from '../src/timeline-frames.js';

const at = (index, kind, label, text, where = 'guest') => ({ index, kind, label, text, where });

/**
 * The STI half of KVM's debug_regs.c on bare metal, as its program runs: popf sets TF, sti
 * traps (#DB at fep_sti_start), the handler clears TF and IRETs, IRQ 0xaa is taken at
 * fep_sti_start, its handler EOIs and IRETs, then cli.
 */
const STI_TEST = [
  at(0, 'insn', '0x401000', 'pushf'),
  at(1, 'insn', '0x401001', 'orq $X86_EFLAGS_TF, (%rsp)'),
  at(2, 'insn', '0x401009', 'popf'),
  at(3, 'insn', '0x40100a', 'sti'),
  at(4, 'deliver', 'fep_sti_start', '#DB delivered'),
  at(5, 'insn', 'db_handler', 'andq $~X86_EFLAGS_TF, 16(%rsp)'),
  at(6, 'insn', 'db_handler+0x9', 'iretq'),
  at(7, 'deliver', 'fep_sti_start', 'IRQ 0xaa delivered'),
  at(8, 'insn', 'irq_handler', 'movl $0x80b, %ecx'),
  at(9, 'insn', 'irq_handler+0x5', 'xor %eax, %eax'),
  at(10, 'insn', 'irq_handler+0x9', 'wrmsr'),
  at(11, 'insn', 'irq_handler+0xb', 'iretq'),
  at(12, 'insn', 'fep_sti_start', 'cli'),
];

test('names a step by its label at a symbol, else by its mnemonic; a delivery at a symbol by the symbol', () => {
  assert.deepEqual(STI_TEST.map(whereLabel), [
    'pushf', 'orq', 'popf', 'sti', 'fep_sti_start', 'db_handler', 'iretq', 'fep_sti_start',
    'irq_handler', 'xor', 'wrmsr', 'iretq', 'fep_sti_start',
  ]);
  assert.equal(whereLabel(at(0, 'deliver', '0x401000', 'NMI delivered')), 'NMI');
  assert.equal(whereLabel(at(0, 'host', '0x401000', 'handle_exception_nmi', 'host')), 'handle_exception_nmi');
  // KVM's steps at a guest label are named by what KVM ran, not by where the guest stopped
  assert.equal(whereLabel(at(0, 'host', 'fep_sti_start', 'handle_exception_nmi', 'host')), 'handle_exception_nmi');
  assert.equal(whereLabel(at(0, 'vmexit', 'fep_sti_start', 'VM exit: exception #DB', 'host')), 'VM exit: exception #DB');
  assert.equal(baseSymbol('db_handler+0x9'), 'db_handler');
  assert.equal(baseSymbol('0x401000'), null);
});

test('a delivery pushes a frame that its handler names and its IRET ends', () => {
  const frames = framesOf(STI_TEST);
  assert.equal(frames.length, 2);
  assert.deepEqual(frames.map((f) => [f.depth, f.start, f.end, f.kind, f.event, f.at, f.handler]), [
    [0, 4, 7, 'db', '#DB', 'fep_sti_start', 'db_handler'],
    [0, 7, 12, 'irq', 'IRQ 0xaa', 'fep_sti_start', 'irq_handler'],
  ]);
  assert.deepEqual(frameNames(frames[0]), ['#DB at fep_sti_start → db_handler', '#DB → db_handler', '#DB']);
});

test('a delivery inside a handler nests one frame deeper', () => {
  const frames = framesOf([
    at(0, 'deliver', 'main', '#DB delivered'),
    at(1, 'deliver', 'db_handler', 'NMI delivered'),
    at(2, 'insn', 'nmi_handler', 'iretq'),
    at(3, 'insn', 'db_handler', 'iretq'),
    at(4, 'insn', 'main', 'hlt'),
  ]);
  assert.deepEqual(frames.map((f) => [f.depth, f.start, f.end, f.event]), [[0, 0, 4, '#DB'], [1, 1, 3, 'NMI']]);
});

test('a VM exit switches to a host frame named after the exit and KVM\'s first function; the VM entry ends it', () => {
  const frames = framesOf([
    at(0, 'host', '0x401000', 'kvm_check_and_inject_events', 'host'),
    at(1, 'vmentry', '0x401000', 'VM entry', 'host'),
    at(2, 'insn', '0x40100a', 'sti'),
    at(3, 'vmexit', 'fep_sti_start', 'VM exit: exception #DB', 'host'),
    at(4, 'host', 'fep_sti_start', 'handle_exception_nmi', 'host'),
    at(5, 'vmentry', 'fep_sti_start', 'VM entry, injecting #DB', 'host'),
    at(6, 'deliver', 'fep_sti_start', '#DB delivered'),
    at(7, 'insn', 'db_handler', 'andq $~X86_EFLAGS_TF, 16(%rsp)'),
  ]);
  assert.deepEqual(frames.map((f) => [f.depth, f.start, f.end, f.kind, f.event, f.handler]), [
    [0, 0, 2, 'host', 'KVM', 'kvm_check_and_inject_events'],
    [0, 3, 6, 'host', 'VM exit: exception #DB', 'handle_exception_nmi'],
    [0, 6, 8, 'db', '#DB', 'db_handler'],
  ]);
});

test('a handler that never returns cannot deepen the stack past its limit', () => {
  const steps = Array.from({ length: MAX_DEPTH + 5 }, (_, i) => at(i, 'deliver', 'gp_handler', '#GP delivered'));
  const frames = framesOf(steps);
  assert.equal(Math.max(...frames.map((f) => f.depth)), MAX_DEPTH - 1);
});

test('the page mirror gets the same frames from deltas taken while the steps stream in', () => {
  const tracker = createFrameTracker();
  const mirror = createFrameMirror();
  for (const step of STI_TEST) {
    tracker.push(step);
    if (step.index % 3 === 0) applyFrameDelta(mirror, tracker.takeDelta());
  }
  applyFrameDelta(mirror, tracker.takeDelta());
  assert.equal(mirror.depth, 1);
  assert.deepEqual(framesInRange(mirror, 0, 0, 13).map((f) => [f.start, f.end]), [[4, 7], [7, 12]]);
  assert.deepEqual(framesInRange(mirror, 0, 8, 9).map((f) => f.event), ['IRQ 0xaa']);
  assert.equal(frameAt(mirror, 5).event, '#DB');
  assert.equal(frameAt(mirror, 12), null);
});

test('an open frame reaches the last step received', () => {
  const tracker = createFrameTracker();
  for (const step of STI_TEST.slice(0, 6)) tracker.push(step);
  const { open } = tracker.takeDelta();
  assert.deepEqual(open.map((f) => [f.start, f.end]), [[4, 6]]);
});

test('wide columns get a slice per step, with equal neighbours merged', () => {
  const steps = [...STI_TEST, at(13, 'insn', 'fep_sti_end+0x1', 'hlt'), at(14, 'insn', 'fep_sti_end+0x1', 'hlt')];
  const slices = whereSlices({ from: 3, to: 15, columnWidth: 40, stepAt: (i) => steps[i] });
  assert.deepEqual(slices.slice(0, 4).map((s) => [s.start, s.end, s.kind, s.names[0]]), [
    [3, 4, 'guest', 'sti'], [4, 5, 'db', 'fep_sti_start'], [5, 6, 'guest', 'db_handler'], [6, 7, 'guest', 'iretq'],
  ]);
  assert.deepEqual(slices.at(-1), { start: 13, end: 15, kind: 'guest', names: ['hlt'], missing: false });
});

test('steps not loaded yet are a missing slice, not a guess', () => {
  const slices = whereSlices({ from: 0, to: 4, columnWidth: 40, stepAt: (i) => (i < 2 ? STI_TEST[i] : undefined) });
  assert.deepEqual(slices.map((s) => [s.start, s.end, s.missing]), [[0, 1, false], [1, 2, false], [2, 4, true]]);
});

test('narrow columns get a slice per frame, named after it, with the guest code between', () => {
  const mirror = applyFrameDelta(createFrameMirror(), (() => {
    const t = createFrameTracker();
    for (const step of STI_TEST) t.push(step);
    return t.takeDelta();
  })());
  const slices = whereSlices({ from: 0, to: 13, columnWidth: 4, stepAt: () => undefined, frames: mirror });
  assert.deepEqual(slices.map((s) => [s.start, s.end, s.kind, s.names.at(-1)]), [
    [0, 4, 'guest', 'guest code'], [4, 7, 'db', '#DB'], [7, 12, 'irq', 'IRQ 0xaa'], [12, 13, 'guest', 'guest code'],
  ]);
  assert.equal(slices[1].names[0], '#DB at fep_sti_start → db_handler');
});

test('a long symbol has shorter forms that keep its last part, and ends with itself for cutting', () => {
  assert.deepEqual(shortForms('fep_sti_start'), ['fep_sti_start', 'fep…start', '…start', 'fep_sti_start']);
  assert.deepEqual(shortForms('db_handler'), ['db_handler']);
  assert.deepEqual(shortForms('#DB'), ['#DB']);
});
