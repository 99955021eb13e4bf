/**
 * The KVM_RUN phases of a run: a step's phase field is the 1-based number of the KVM_RUN call
 * it belongs to (trace-format.md), set by the engine; nothing here derives it. The stream worker
 * run-length encodes it like a lane (PHASE_TRACK, never a lane of the picker), and the timeline
 * draws one band per phase with a separator where a new call starts. DOM-free.
 */
import { runsInRange, valueAt } from './lanes.js';

/** The phase "track": encoded beside the lanes, with the same encoder, but never shown as a lane. */
export const PHASE_TRACK = { id: 'phase', value: (step) => (Number.isInteger(step.phase) ? step.phase : null) };

/** Returns a phase's name as the timeline and the inspector write it: "KVM_RUN 2". */
export function phaseName(phase) {
  return 'KVM_RUN ' + phase;
}

/** Returns the names a phase band can be drawn with, longest first: "KVM_RUN 2", "2". */
export function phaseNames(phase) {
  return [phaseName(phase), String(phase)];
}

/** Returns whether the runs of the phase track received so far hold a phase (the trace has the field). */
export function hasPhases(runs) {
  return (runs ?? []).some((r) => r.value !== null && r.value !== undefined);
}

/**
 * Returns the phase bands that overlap steps from..to-1, clipped to them: {start, end, phase,
 * first} (first: the band starts where its KVM_RUN call starts, after another one, so a separator
 * goes at its left).
 */
export function phaseBands(runs, from, to) {
  return runsInRange(runs ?? [], from, to)
    .filter((r) => r.value !== null && r.value !== undefined)
    .map((r) => ({ start: r.start, end: r.end, phase: r.value, first: r.start > 0 && valueAt(runs, r.start - 1) !== r.value }));
}

/** Returns the phase at a step, or null (no phase, or not received yet). */
export function phaseAt(runs, step) {
  return valueAt(runs ?? [], step) ?? null;
}
