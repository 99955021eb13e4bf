/**
 * Flows: arrows from a cause to its effect on the timeline, read from the lanes, the frames
 * and the events alone: the step that made a debug trap pending -> its #DB delivery (for a
 * single-step trap, the step that set TF, a popf or an iretq, since the trap follows the instruction that begins with TF=1, SDM Vol. 3B 18.3.1.4); the step
 * since which an IRQ waited in IRR -> its delivery; a VM exit -> the VM entry that ends KVM's
 * work -> the event that entry injects. DOM-free.
 */
/** Returns the start of the stretch of runs, ending with the one holding step at, whose value passes keep. */
function stretchStart(runs, at, keep) {
  if (!runs || at < 0) return -1;
  let lo = 0;
  let hi = runs.length - 1;
  let i = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid].end <= at) lo = mid + 1;
    else if (runs[mid].start > at) hi = mid - 1;
    else {
      i = mid;
      break;
    }
  }
  if (i < 0 || !keep(runs[i].value)) return -1;
  while (i > 0 && keep(runs[i - 1].value)) i--;
  return runs[i].start;
}

const vectorHex = (v) => '0x' + Number(v).toString(16);

/**
 * Returns the flows {from, to, kind, via?} ('db', 'irq', 'host', 'inject') of a run: events as in the
 * trace, runs the lane runs by lane id (pending, irr), hostFrames the host frames (see timeline-frames.js).
 * A single-step #DB's flow (cause BS) starts where TF became 1, via the step the trap became pending at when it is later.
 */
export function flowPairs({ events = [], runs = {}, hostFrames = [] }) {
  const out = [];
  for (const e of events) {
    if (e.type === 'db') {
      const pending = stretchStart(runs.pending, e.step - 1, (v) => v !== null && v !== undefined && v !== false);
      // a single-step trap (cause BS) was caused by whatever set TF, which may be steps earlier, and
      // under KVM the trap can wait through a VM exit before the entry that injects it
      const tf = (e.cause ?? []).includes('BS') ? stretchStart(runs.tf, e.step - 1, (v) => v === true) : -1;
      if (tf >= 0 && tf < e.step) out.push(pending > tf && pending < e.step ? { from: tf, to: e.step, kind: 'db', via: pending } : { from: tf, to: e.step, kind: 'db' });
      else if (pending >= 0 && pending < e.step) out.push({ from: pending, to: e.step, kind: 'db' });
    } else if (e.type === 'irq' && e.vector !== undefined) {
      const hex = vectorHex(e.vector);
      const from = stretchStart(runs.irr, e.step - 1, (v) => typeof v === 'string' && v.split(' ').includes(hex));
      if (from >= 0 && from < e.step) out.push({ from, to: e.step, kind: 'irq' });
    }
  }
  const injected = new Set(events.filter((e) => e.via === 'injected').map((e) => e.step));
  for (const f of hostFrames) {
    if (f.kind !== 'host' || f.end - 1 <= f.start) continue;
    out.push({ from: f.start, to: f.end - 1, kind: 'host' });
    if (injected.has(f.end)) out.push({ from: f.end - 1, to: f.end, kind: 'inject' });
  }
  return out.sort((a, b) => a.from - b.from || a.to - b.to);
}

/** Returns the flows that touch steps from..to-1 (either end, or passing over the range). */
export function flowsInRange(flows, from, to) {
  return flows.filter((f) => f.from < to && f.to >= from);
}

