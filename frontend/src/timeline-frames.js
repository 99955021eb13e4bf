/**
 * Where each step runs, as a flame chart: a delivery (kind "deliver") pushes a frame named
 * after its event, the IRET that ends the handler pops it; a VM exit pushes a host (KVM)
 * frame and the VM entry pops it. Frames are derived from the trace alone, in step order,
 * so the stream worker can follow a million steps and pass the page small deltas.
 * DOM-free, so it runs under node --test.
 */
import { firstEndingAfter } from './lanes.js';

/** Frames deeper than this are counted but not drawn: a handler that never returns (a #GP loop) cannot grow it without bound. */
export const MAX_DEPTH = 12;

/** Returns whether a trace label names a symbol (fep_sti_start, db_handler+0x9), not a bare address. */
export function isSymbol(label) {
  return typeof label === 'string' && label !== '' && !label.startsWith('0x');
}

/** Returns the symbol of a label without its offset: "db_handler+0x9" -> "db_handler"; null for an address. */
export function baseSymbol(label) {
  return isSymbol(label) ? label.split('+')[0] : null;
}

/** Returns the mnemonic of an instruction text: "andq $~X86_EFLAGS_TF, 16(%rsp)" -> "andq". */
export function mnemonic(text) {
  return (text ?? '').trim().split(/\s+/)[0] ?? '';
}

/** Returns the event a delivery step delivers, from its text: "IRQ 0xaa delivered" -> "IRQ 0xaa". */
export function eventName(step) {
  return (step.text ?? 'event').replace(/ delivered$/, '');
}

/** Returns the colour family of a delivery: db, irq, nmi or exception. */
export function deliveryKind(step) {
  const name = eventName(step);
  if (name.startsWith('#DB')) return 'db';
  if (name.startsWith('IRQ')) return 'irq';
  if (name.startsWith('NMI')) return 'nmi';
  return 'exception';
}

/**
 * Returns the name of what ran at a step, for the where track: the label when the step is at
 * a symbol, else the mnemonic; a delivery names its event, a host step its KVM function.
 */
export function whereLabel(step) {
  if (step.where === 'host') return step.text ?? step.kind;
  if (isSymbol(step.label) && !step.label.includes('+')) return step.label;
  if (step.kind === 'deliver') return eventName(step);
  if (step.kind === 'insn') return mnemonic(step.text);
  return step.text ?? step.kind;
}

/**
 * Returns the forms of a name for tight room, longest first, ending with the name again (the
 * form fitText cuts short when none fits): fep_sti_start -> [fep_sti_start, fep…start, …start,
 * fep_sti_start], so fep_sti_start and fep_sti_end stay apart where a cut would read fep_st… for both.
 */
export function shortForms(name) {
  const parts = String(name).split('_').filter(Boolean);
  const last = parts[parts.length - 1];
  return parts.length > 2 ? [name, parts[0] + '…' + last, '…' + last, name] : [name];
}

/** Returns the colour family of one step on the where track: host, a delivery's kind, or guest. */
export function stepKind(step) {
  if (step.where === 'host') return 'host';
  if (step.kind === 'deliver') return deliveryKind(step);
  return 'guest';
}

/** Returns the names a frame can be drawn with, longest first: "#DB at fep_sti_start → db_handler", "#DB → db_handler", "#DB". */
export function frameNames(frame) {
  const names = [];
  const to = frame.handler ? ' → ' + frame.handler : '';
  if (frame.at) names.push(frame.event + ' at ' + frame.at + to);
  if (to) names.push(frame.event + to);
  names.push(frame.event);
  return names;
}

/**
 * Returns a tracker: push(step) follows the steps in order (a step that is not the next index
 * is ignored) and takeDelta() returns the frames closed since the last call and the frames open
 * now: {encoded, closed: [frame], open: [frame]}. A frame is {depth, start, end, kind, event, at, handler}.
 */
export function createFrameTracker() {
  const stack = [];
  let closed = [];
  let length = 0;
  let hidden = 0; // frames pushed past MAX_DEPTH, popped before any drawn frame

  const open = (frame) => {
    if (stack.length >= MAX_DEPTH) hidden++;
    else stack.push({ depth: stack.length, start: length, end: length + 1, handler: null, ...frame });
  };
  const close = (at) => {
    if (hidden > 0) {
      hidden--;
      return;
    }
    const frame = stack.pop();
    if (!frame) return;
    frame.end = at;
    closed.push(frame);
  };
  const top = () => (hidden > 0 ? null : stack[stack.length - 1]);

  return {
    get length() {
      return length;
    },
    push(step) {
      if (step.index !== length) return false;
      const host = step.where === 'host';
      // the guest runs again without a VM entry step (a trace that leaves it out): the host frame ends
      if (!host && top()?.kind === 'host') close(length);
      const opens = step.kind === 'vmexit' || (step.kind === 'deliver' && !host);
      if (step.kind === 'vmexit') open({ kind: 'host', event: step.text ?? 'VM exit', at: null });
      else if (host && top()?.kind !== 'host' && !hidden) open({ kind: 'host', event: 'KVM', at: null });
      else if (step.kind === 'deliver') open({ kind: deliveryKind(step), event: eventName(step), at: baseSymbol(step.label) ?? step.label ?? null });
      const current = top();
      if (current && !current.handler && !opens) {
        // the first step inside a frame names it: the handler's symbol, or KVM's first function
        if (current.kind === 'host' && step.kind === 'host') current.handler = step.text ?? null;
        else if (current.kind !== 'host' && step.kind === 'insn') current.handler = baseSymbol(step.label);
      }
      length++;
      for (const frame of stack) frame.end = length;
      if (step.kind === 'insn' && /^iret/.test(mnemonic(step.text)) && current && current.kind !== 'host') close(length);
      else if (step.kind === 'vmentry' && current?.kind === 'host') close(length);
      return true;
    },
    takeDelta() {
      const delta = { encoded: length, closed, open: stack.map((f) => ({ ...f })) };
      closed = [];
      return delta;
    },
  };
}

/** Returns the frames of a whole list of steps (for tests and short traces): every frame, closed or open, by start. */
export function framesOf(steps) {
  const tracker = createFrameTracker();
  for (const step of steps) tracker.push(step);
  const { closed, open } = tracker.takeDelta();
  return [...closed, ...open].sort((a, b) => a.start - b.start || a.depth - b.depth);
}

/** Returns an empty mirror of a tracker's frames on the page: {byDepth: [[frame]], open: [frame], depth}. */
export function createFrameMirror() {
  return { byDepth: [], open: [], depth: 0 };
}

/** Applies a delta from takeDelta to a mirror; closed frames at one depth arrive in step order. */
export function applyFrameDelta(mirror, delta) {
  for (const frame of delta.closed) {
    (mirror.byDepth[frame.depth] ??= []).push(frame);
    mirror.depth = Math.max(mirror.depth, frame.depth + 1);
  }
  mirror.open = delta.open;
  for (const frame of delta.open) mirror.depth = Math.max(mirror.depth, frame.depth + 1);
  return mirror;
}

/** Returns the frames at one depth that overlap steps from..to-1, in step order. */
export function framesInRange(mirror, depth, from, to) {
  const list = mirror.byDepth[depth] ?? [];
  const out = [];
  for (let i = firstEndingAfter(list, from); i < list.length && list[i].start < to; i++) out.push(list[i]);
  const open = mirror.open[depth];
  if (open && open.start < to && open.end > from) out.push(open);
  return out;
}

/** Returns the innermost frame that holds a step, or null when the step runs in the guest's own code. */
export function frameAt(mirror, step) {
  for (let depth = mirror.depth - 1; depth >= 0; depth--) {
    const [frame] = framesInRange(mirror, depth, step, step + 1);
    if (frame) return frame;
  }
  return null;
}

/** The where track shows one slice per step in columns at least this wide; narrower, one slice per frame. */
export const STEP_SLICES_FROM = 12;

/**
 * Returns the slices of the where track for steps from..to-1: {start, end, kind, names, missing}.
 * Wide columns get a slice per step (stepAt(i) returns the step, or undefined while it loads:
 * missing), with neighbours of the same name and kind merged; narrow columns a slice per frame,
 * named after it, so the zoomed-out track still reads "guest code | #DB → db_handler | ...".
 * gaps (optional, sorted [{start, end}]) are steps the track's run does not take (the compare page):
 * slices of kind "gap".
 */
export function whereSlices({ from, to, columnWidth, stepAt, frames, gaps }) {
  const slices = stepOrFrameSlices({ from, to, columnWidth, stepAt, frames });
  return gaps?.length ? cutGaps(slices, gaps) : slices;
}

/**
 * Returns the slices with the gaps ([{start, end}] sorted: steps a compared run does not take)
 * cut out as slices of kind "gap", which the painter leaves empty.
 */
export function cutGaps(slices, gaps) {
  const out = [];
  for (const slice of slices) {
    let at = slice.start;
    for (let i = firstEndingAfter(gaps, slice.start); i < gaps.length && gaps[i].start < slice.end; i++) {
      const g = gaps[i];
      if (g.start > at) out.push({ ...slice, start: at, end: g.start });
      const end = Math.min(g.end, slice.end);
      const last = out[out.length - 1];
      if (last && last.kind === 'gap' && last.end === Math.max(at, g.start)) last.end = end;
      else out.push({ start: Math.max(at, g.start), end, kind: 'gap', names: [''], missing: true });
      at = end;
    }
    if (at < slice.end) out.push({ ...slice, start: at, end: slice.end });
  }
  return out;
}

function stepOrFrameSlices({ from, to, columnWidth, stepAt, frames }) {
  const out = [];
  const add = (start, kind, names, missing = false) => {
    const last = out[out.length - 1];
    if (last && last.end === start && last.kind === kind && last.missing === missing && last.names[0] === names[0]) last.end = start + 1;
    else out.push({ start, end: start + 1, kind, names, missing });
  };
  if (columnWidth >= STEP_SLICES_FROM) {
    for (let i = from; i < to; i++) {
      const step = stepAt(i);
      if (step) add(i, stepKind(step), shortForms(whereLabel(step)));
      else add(i, 'missing', [''], true);
    }
    return out;
  }
  for (let i = from; i < to;) {
    const frame = frames ? frameAt(frames, i) : null;
    // the slice ends where its frame ends or where a deeper frame starts, whichever comes first
    const [inner] = frames ? framesInRange(frames, frame ? frame.depth + 1 : 0, i, to) : [];
    let end = frame ? Math.min(frame.end, to) : to;
    if (inner && inner.start > i && inner.start < end) end = inner.start;
    out.push({ start: i, end, kind: frame ? frame.kind : 'guest', names: frame ? frameNames(frame) : ['guest code'], missing: false });
    i = Math.max(end, i + 1);
  }
  return out;
}
