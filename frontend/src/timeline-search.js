/**
 * Search in the trace: a small query language (src/docs/trace-search.md) parsed into clauses
 * and matched against the lane runs, the events, the KVM_RUN phase track, and (for rip and step
 * kinds) the step index the stream keeps. Returns sorted step lists. DOM-free.
 */
import { MAX_MATCHES } from './step-index.js';

export const STEP_KINDS = ['insn', 'deliver', 'vmexit', 'vmentry', 'host'];
export const EVENT_TYPES = ['db', 'bp', 'exception', 'irq', 'nmi', 'vmexit', 'vmentry_failed', 'exit_to_host'];
const OPS = ['==', '!=', '='];

/** Splits a query into words with their columns (1-based); operators stand alone. */
function tokens(text) {
  const out = [];
  const re = /\s*(==|!=|=|&&|[^\s=!&]+|!|&)/gy;
  let m;
  while ((m = re.exec(text)) !== null) {
    if (m[1] === undefined) break;
    out.push({ text: m[1], at: m.index + m[0].length - m[1].length + 1 });
    if (re.lastIndex >= text.length) break;
  }
  return out;
}

/** Returns the lane a field names: a lane id (tf, bs, irr), or a DR6 bit as dr6.bs; null when none. */
function laneFor(field, lanes) {
  const id = field.toLowerCase().replace(/^dr6\./, '');
  return lanes.find((lane) => lane.id === id) ?? null;
}

const located = (message, at) => ({ error: message, at });

/**
 * Parses a query. Returns {clauses} or {error, at} (at: the 1-based column of the problem).
 * A clause is {type: 'event', event}, {type: 'exit', exit} (an exit to userspace by name:
 * KVM_EXIT_DEBUG), {type: 'kind', kind}, {type: 'changes', lane}, {type: 'phase', op, phase}
 * (phase == 2, or phase:2), {type: 'compare', lane | field: 'rip', op, value}.
 */
export function parseQuery(text, lanes) {
  const words = tokens(text);
  if (!words.length) return located('Type a query, for example: dr6.bs changes, rip == fep_sti_start, if == 1, event irq, vmexit.', 1);
  const clauses = [];
  let i = 0;
  const fieldNames = () => ['rip', ...lanes.map((l) => l.id)].join(', ');
  while (i < words.length) {
    const w = words[i];
    const word = w.text.toLowerCase();
    if (word === 'event' || word === 'events') {
      const next = words[i + 1];
      if (next && EVENT_TYPES.includes(next.text.toLowerCase())) {
        clauses.push({ type: 'event', event: next.text.toLowerCase() });
        i += 2;
      } else if (!next || next.text.toLowerCase() === 'and' || next.text === '&&') {
        clauses.push({ type: 'event', event: null });
        i += 1;
      } else {
        return located(`"${next.text}" is not an event type; use one of ${EVENT_TYPES.join(', ')}, or "event" alone for any.`, next.at);
      }
    } else if (/^kvm_exit_[a-z0-9_]+$/.test(word)) {
      clauses.push({ type: 'exit', exit: w.text.toUpperCase() });
      i += 1;
    } else if (/^phase:/.test(word)) {
      const phase = word.slice('phase:'.length);
      if (!/^[1-9][0-9]*$/.test(phase)) return located(`"phase:" takes a KVM_RUN call number (1, 2, ...), not "${w.text.slice(6)}".`, w.at + 6);
      clauses.push({ type: 'phase', op: '==', phase: Number(phase) });
      i += 1;
    } else if (word === 'phase') {
      const op = words[i + 1];
      const value = words[i + 2];
      if (!op || !OPS.includes(op.text)) return located('After "phase" comes "==" or "!=" and a KVM_RUN call number, or write phase:2.', op ? op.at : w.at + w.text.length);
      if (!value || !/^[1-9][0-9]*$/.test(value.text)) {
        return located(`"phase ${op.text}" takes a KVM_RUN call number (1, 2, ...)${value ? `, not "${value.text}"` : ''}.`, value ? value.at : op.at + op.text.length);
      }
      clauses.push({ type: 'phase', op: op.text === '!=' ? '!=' : '==', phase: Number(value.text) });
      i += 3;
    } else if (STEP_KINDS.includes(word) && !laneFor(word, lanes)) {
      clauses.push({ type: 'kind', kind: word });
      i += 1;
    } else {
      const lane = laneFor(word, lanes);
      if (!lane && word !== 'rip') return located(`"${w.text}" is not a field, step kind or "event"; fields are ${fieldNames()}.`, w.at);
      const op = words[i + 1];
      if (op && op.text.toLowerCase() === 'changes' && lane) {
        clauses.push({ type: 'changes', lane });
        i += 2;
      } else if (op && OPS.includes(op.text)) {
        const value = words[i + 2];
        if (!value) return located(`"${w.text} ${op.text}" needs a value after it.`, op.at + op.text.length);
        const clause = { type: 'compare', op: op.text === '!=' ? '!=' : '==', value: value.text, at: value.at };
        if (lane) clause.lane = lane;
        else clause.field = 'rip';
        if (lane?.kind === 'flag' && !['0', '1', 'true', 'false'].includes(value.text.toLowerCase())) {
          return located(`${lane.label} is a flag: compare it with 1 or 0, not "${value.text}".`, value.at);
        }
        clauses.push(clause);
        i += 3;
      } else {
        const at = op ? op.at : w.at + w.text.length;
        return located(`After "${w.text}" comes ${lane ? '"changes", ' : ''}"==" or "!=" and a value${op ? `, not "${op.text}"` : ''}.`, at);
      }
    }
    if (i < words.length) {
      const joiner = words[i];
      if (joiner.text.toLowerCase() !== 'and' && joiner.text !== '&&') return located(`Join conditions with "and", not "${joiner.text}".`, joiner.at);
      if (i === words.length - 1) return located('"and" needs a condition after it.', joiner.at);
      i += 1;
    }
  }
  return { clauses };
}

/** Returns the steps of runs (in step order) whose value passes keep, at most MAX_MATCHES, and their count. */
function stepsWhere(runs, keep) {
  const steps = [];
  let count = 0;
  for (const r of runs ?? []) {
    if (!keep(r.value)) continue;
    count += r.end - r.start;
    for (let s = r.start; s < r.end && steps.length < MAX_MATCHES; s++) steps.push(s);
  }
  return { steps, count };
}

/** Returns whether a lane value equals a query value: flags by 1/0, text lanes by one of their words (or "none"). */
export function laneValueIs(lane, value, wanted) {
  const w = wanted.toLowerCase();
  if (lane.kind === 'flag') return Boolean(value) === (w === '1' || w === 'true');
  if (w === 'none') return value === null || value === undefined;
  return typeof value === 'string' && value.toLowerCase().split(/[\s;:]+/).includes(w);
}

/** Returns the address a rip value names: a hex address, or a symbol from the listing; null when unknown. */
export function resolveAddress(value, symbols) {
  if (/^0x[0-9a-f]+$/i.test(value)) return '0x' + BigInt(value).toString(16);
  return symbols[value] ?? null;
}

/** Returns the sorted steps in both sorted lists. */
function intersect(a, b) {
  const out = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      out.push(a[i]);
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return out;
}

/**
 * Resolves to {steps, count} for parsed clauses, or {error, at}. ctx: runs (by lane id), events
 * ({step, type}), symbols (name -> address), find(query) resolving to {steps, count} from the step index.
 */
export async function matchQuery(parsed, ctx) {
  if (parsed.error) return parsed;
  let result = null;
  for (const c of parsed.clauses) {
    let r;
    if (c.type === 'event') {
      const steps = [...new Set(ctx.events.filter((e) => c.event === null || e.type === c.event).map((e) => e.step))].sort((a, b) => a - b);
      r = { steps, count: steps.length };
    } else if (c.type === 'exit') {
      const steps = [...new Set(ctx.events.filter((e) => e.type === 'exit_to_host' && e.exit === c.exit).map((e) => e.step))].sort((a, b) => a - b);
      r = { steps, count: steps.length };
    } else if (c.type === 'phase') {
      r = stepsWhere(ctx.phases, (v) => (v !== null && v !== undefined && v === c.phase) === (c.op === '=='));
    } else if (c.type === 'kind') {
      r = await ctx.find({ kind: c.kind });
    } else if (c.type === 'changes') {
      const runs = ctx.runs?.[c.lane.id] ?? [];
      const steps = runs.slice(1).map((run) => run.start);
      r = { steps: steps.slice(0, MAX_MATCHES), count: steps.length };
    } else if (c.field === 'rip') {
      const address = resolveAddress(c.value, ctx.symbols);
      if (!address) {
        const names = Object.keys(ctx.symbols);
        return located(`"${c.value}" is neither an address (0x...) nor a label of this program${names.length ? ` (${names.join(', ')})` : ''}.`, c.at);
      }
      const found = await ctx.find({ address });
      r = c.op === '==' ? found : complement(found.steps, ctx.total);
    } else {
      const keep = (v) => laneValueIs(c.lane, v, c.value) === (c.op === '==');
      r = stepsWhere(ctx.runs?.[c.lane.id], keep);
    }
    result = result === null ? r : { steps: intersect(result.steps, r.steps), count: null };
  }
  if (result.count === null) result.count = result.steps.length;
  return result;
}

/** Returns the steps 0..total-1 not in a sorted list, at most MAX_MATCHES. */
function complement(steps, total) {
  const out = [];
  let j = 0;
  for (let s = 0; s < total && out.length < MAX_MATCHES; s++) {
    if (steps[j] === s) j++;
    else out.push(s);
  }
  return { steps: out, count: total - steps.length };
}

/** Returns the first match after step (wrapping to the first), or null when there are none; direction -1 looks back. */
export function nextMatch(steps, step, direction = 1) {
  if (!steps.length) return null;
  if (direction > 0) return steps.find((s) => s > step) ?? steps[0];
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i] < step) return steps[i];
  return steps[steps.length - 1];
}
