/**
 * The one UI vocabulary: event letters, shapes and names, vector names, lane and shadow names,
 * who runs a step (names, letters, colours), and each rule's sentence and source. It lives on the
 * Java side (trace.Event.Type, core.event.Vectors, trace.Lane, trace.Runner, run.Rules) and reaches the browser once, as
 * /api/vocabulary.json. In a page this module loads it at import (top-level await), so every
 * module that imports it finds it loaded; node tests call setVocabulary with the fixture a Java
 * test writes (frontend/test/fixtures/vocabulary.json). DOM-free.
 */

const EMPTY = { events: {}, vectors: {}, lanes: [], runners: {}, shadows: {}, rules: {} };
let current = EMPTY;
let lanesById = new Map();

/** Uses {@code v} (the JSON of /api/vocabulary.json) from now on; missing parts read as empty. */
export function setVocabulary(v) {
  current = { ...EMPTY, ...(v ?? {}) };
  lanesById = new Map((current.lanes ?? []).map((lane) => [lane.id, lane]));
}

/** Returns the vocabulary in use. */
export function vocabulary() {
  return current;
}

/**
 * Fetches /api/vocabulary.json and uses it; on failure keeps what it has and returns false
 * (markers then show "?" rather than the page breaking).
 */
export async function loadVocabulary(fetchFn = globalThis.fetch, url = '/api/vocabulary.json') {
  try {
    const response = await fetchFn(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) return false;
    setVocabulary(await response.json());
    return true;
  } catch {
    return false;
  }
}

/** Returns the marker style of an event type: {letter, shape, name}; an unknown type is "?" in a square. */
export function eventStyle(type) {
  return current.events[type] ?? { letter: '?', shape: 'square', name: type };
}

const hexOf = (n) => '0x' + Number(n).toString(16);

/** Returns a vector's name: "#GP" for 13 (SDM Vol. 3A Table 6-1), "vector 0x80" for one without a mnemonic. */
export function vectorName(vector) {
  return current.vectors[String(vector)] ?? 'vector ' + hexOf(vector);
}

/** Returns an event's name as the Java side (trace.Event.name) says it: "#GP", "IRQ 0xaa", "VM exit (exception #UD)". */
export function eventName(event) {
  const noun = eventStyle(event.type).name;
  const has = (v) => v !== undefined && v !== null;
  switch (event.type) {
    case 'exception': return has(event.vector) ? current.vectors[String(event.vector)] ?? noun + ' ' + hexOf(event.vector) : noun;
    case 'irq': return has(event.vector) ? noun + ' ' + hexOf(event.vector) : noun;
    case 'vmexit': {
      const cause = [event.reason ?? '', has(event.vector) ? vectorName(event.vector) : ''].join(' ').trim();
      return cause ? noun + ' (' + cause + ')' : noun;
    }
    case 'exit_to_host': return event.exit ?? noun;
    default: return noun;
  }
}

/**
 * Returns a short title for an event: "#DB at 0x40100b (fep_sti_start), DR6 0xffff4ff0 (BS)"; an exit
 * to userspace with the fields KVM reports in run->debug.arch: "KVM_EXIT_DEBUG: exception 1 (#DB),
 * pc 0x401007 (bd_start), dr6 0xffff2ff0, dr7 0x2400".
 */
export function eventTitle(event) {
  if (event.type === 'exit_to_host') return exitTitle(event);
  const at = event.at ? ' at ' + event.at + (event.label ? ' (' + event.label + ')' : '') : '';
  const dr6 = event.dr6 ? ', DR6 ' + event.dr6 + (event.cause?.length ? ' (' + event.cause.join(', ') + ')' : '') : '';
  return eventName(event) + at + dr6;
}

function exitTitle(event) {
  const has = (v) => v !== undefined && v !== null;
  const where = (address) => address + (event.label && event.at === address ? ' (' + event.label + ')' : '');
  const fields = [];
  if (has(event.exception)) fields.push('exception ' + event.exception + ' (' + vectorName(event.exception) + ')');
  if (event.pc) fields.push('pc ' + where(event.pc));
  else if (event.at) fields.push('at ' + where(event.at));
  if (event.dr6) fields.push('dr6 ' + event.dr6);
  if (event.dr7) fields.push('dr7 ' + event.dr7);
  if (event.reason) fields.push('reason ' + event.reason);
  return eventName(event) + (fields.length ? ': ' + fields.join(', ') : '');
}

/** Returns a lane's short name ("TF", "STI shadow"), or its id when the vocabulary has no such lane. */
export function laneName(id) {
  return lanesById.get(id)?.name ?? id;
}

/** Returns what a lane shows, in words, or "" when unknown. */
export function laneTitle(id) {
  return lanesById.get(id)?.title ?? '';
}

/**
 * Returns who runs a step, by the wire name of its runs field (host, l1, l2): {name, letter, title,
 * light, dark} (the band's colours in each theme); one the vocabulary does not know reads as its own name.
 */
export function runnerStyle(id) {
  return current.runners[id] ?? { name: String(id), letter: String(id).slice(0, 1).toUpperCase(), title: '', light: '', dark: '' };
}

/** Returns the name of a state.shadow wire value: "none", "STI", "MOV SS". */
export function shadowName(wire) {
  return current.shadows[wire] ?? wire;
}

/** Returns a rule's {sentence, source}, or null for an id the vocabulary does not know. */
export function ruleOf(id) {
  return current.rules[id] ?? null;
}

if (typeof document !== 'undefined' && typeof fetch === 'function') {
  await loadVocabulary();
}
