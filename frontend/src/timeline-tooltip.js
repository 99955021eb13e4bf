/**
 * What the tooltip at the pointer says about a step: where it ran, its frame, what it changed,
 * the events and findings there with the step's one-line why, and the value of the lane under
 * the pointer. DOM-free: returns {title, lines}.
 */
import { whereLabel, frameNames } from './timeline-frames.js';
import { describeValue, runnerOf } from './lanes.js';
import { runnerStyle } from './vocabulary.js';
import { phaseName } from './timeline-phases.js';

/** Returns the first sentence of a why text (up to the first ". " outside parentheses). */
export function firstSentence(text) {
  if (!text) return '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === '.' && depth === 0 && (i === text.length - 1 || text[i + 1] === ' ')) return text.slice(0, i + 1);
  }
  return text;
}

/**
 * Returns the tooltip of a step: index, step (the trace step, or undefined while loading),
 * frame (innermost, or null), here (markers at the step: {title}), lane and value (under the pointer),
 * phase (the step's KVM_RUN call number, from the trace, or null).
 */
export function tooltipFor({ index, step, frame, here = [], lane = null, value, phase = null }) {
  const lines = [];
  let title = 'Step ' + index;
  if (step) {
    title += ' · ' + (step.kind === 'insn' ? step.text : step.text ?? step.kind);
    const where = step.label && step.label !== step.rip ? step.label + ' (' + step.rip + ')' : step.rip;
    // who runs it, unless it is L1, the guest (the usual case, and all of a bare-metal run)
    const runner = runnerOf(step);
    lines.push({ key: 'where', text: (runner !== 'l1' ? runnerStyle(runner).name + ', ' : '') + where + (whereLabel(step) !== step.label ? ' · ' + whereLabel(step) : '') });
  } else {
    lines.push({ key: 'where', text: 'loading…' });
  }
  const called = step?.phase ?? phase;
  if (called !== null && called !== undefined) lines.push({ key: 'phase', text: phaseName(called) });
  if (frame) lines.push({ key: 'frame', text: frameNames(frame)[0] });
  if (step?.changed?.length) lines.push({ key: 'changed', text: step.changed.join(', ') });
  for (const m of here) lines.push({ key: m.type === 'finding' ? 'finding' : 'event', text: m.title });
  if (step?.held?.length) lines.push({ key: 'held', text: step.held.join('; ') });
  if (step?.why) lines.push({ key: 'why', text: firstSentence(step.why) });
  if (lane) lines.push({ key: lane.label, text: describeValue(lane, value) + ' · ' + lane.title });
  return { title, lines };
}
