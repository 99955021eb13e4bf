/**
 * Moving through a run: clamping, jumping to events, the step in the URL, and the
 * keyboard map. DOM-free; the page wires these to buttons, keys and history.
 */

/** Returns step clamped to 0..total-1 (0 for an empty run). */
export function clampStep(step, total) {
  if (!Number.isFinite(step) || total <= 0) return 0;
  return Math.max(0, Math.min(Math.trunc(step), total - 1));
}

/** Event kinds the jump buttons can target; "any" matches every event. */
export const JUMP_KINDS = {
  any: { label: 'any event', types: null },
  db: { label: '#DB', types: ['db'] },
  irq: { label: 'IRQ', types: ['irq'] },
  nmi: { label: 'NMI', types: ['nmi'] },
  exception: { label: 'exception', types: ['exception', 'bp'] },
  vmx: { label: 'VM exit / entry', types: ['vmexit', 'vmentry_failed', 'exit_to_host'] },
  userspace: { label: 'exit to userspace', types: ['exit_to_host'] },
};

/**
 * Returns the step of the nearest marker after (direction +1) or before (-1) the current
 * step whose type is in the kind, or null when there is none. Markers are sorted by step.
 */
export function jumpTarget(markers, current, direction, kind = 'any') {
  const types = JUMP_KINDS[kind]?.types ?? null;
  const matches = (m) => types === null || types.includes(m.type);
  if (direction > 0) {
    for (const m of markers) if (m.step > current && matches(m)) return m.step;
  } else {
    for (let i = markers.length - 1; i >= 0; i--) {
      if (markers[i].step < current && matches(markers[i])) return markers[i].step;
    }
  }
  return null;
}

/** Returns the step named by ?step=N in a query string, clamped, or fallback when absent or not a number. */
export function stepFromQuery(search, total, fallback = 0) {
  const raw = new URLSearchParams(search).get('step');
  if (raw === null || raw.trim() === '' || !/^\d+$/.test(raw.trim())) return clampStep(fallback, total);
  return clampStep(Number(raw), total);
}

/**
 * Returns the path and query for a step: the current query with step=N set, other parameters
 * kept; with a range {from, to}, the visible steps as from= and to= (without one, none).
 */
export function urlForStep(pathname, search, step, range = null) {
  const params = new URLSearchParams(search);
  params.set('step', String(step));
  if (range) {
    params.set('from', String(range.from));
    params.set('to', String(range.to));
  } else {
    params.delete('from');
    params.delete('to');
  }
  // a comma needs no escaping in a query: lanes=tf,if stays readable
  return pathname + '?' + params.toString().replace(/%2C/gi, ',');
}

/** Returns the visible range ?from=A&to=B asks for, {from, to} with 0 <= from < to <= total, or null. */
export function rangeFromQuery(search, total) {
  const params = new URLSearchParams(search);
  const number = (name) => (/^\d+$/.test(params.get(name)?.trim() ?? '') ? Number(params.get(name)) : null);
  const from = number('from');
  const to = number('to');
  if (from === null || to === null || total <= 0) return null;
  const a = Math.min(from, total - 1);
  const b = Math.min(Math.max(to, a + 1), total);
  return { from: a, to: b };
}

/** The keyboard shortcuts: what the help overlay lists and what keyAction understands. */
export const SHORTCUTS = [
  { keys: ['→', 'l'], action: 'next', help: 'Next step' },
  { keys: ['←', 'h'], action: 'prev', help: 'Previous step' },
  { keys: ['Page Down'], action: 'nextPage', help: 'Forward one screen of steps' },
  { keys: ['Page Up'], action: 'prevPage', help: 'Back one screen of steps' },
  { keys: ['Home'], action: 'start', help: 'First step' },
  { keys: ['End'], action: 'end', help: 'Last step' },
  { keys: ['Space', 'k'], action: 'play', help: 'Play or pause' },
  { keys: ['n'], action: 'nextEvent', help: 'Next event of the chosen kind' },
  { keys: ['Shift+N'], action: 'prevEvent', help: 'Previous event of the chosen kind' },
  { keys: ['e'], action: 'nextDb', help: 'Next #DB (debug exception)' },
  { keys: ['Shift+E'], action: 'prevDb', help: 'Previous #DB' },
  { keys: ['i'], action: 'nextIrq', help: 'Next IRQ' },
  { keys: ['Shift+I'], action: 'prevIrq', help: 'Previous IRQ' },
  { keys: ['x'], action: 'nextExecution', help: 'Next execution of the current instruction' },
  { keys: ['Shift+X'], action: 'prevExecution', help: 'Previous execution of the current instruction' },
  { keys: ['w', '+'], action: 'zoomIn', help: 'Zoom the timeline in (also Ctrl+wheel or pinch)' },
  { keys: ['s', '-'], action: 'zoomOut', help: 'Zoom the timeline out' },
  { keys: ['a'], action: 'panLeft', help: 'Pan the timeline left (also drag it, or Shift+wheel)' },
  { keys: ['d'], action: 'panRight', help: 'Pan the timeline right' },
  { keys: ['f'], action: 'fit', help: 'Fit the whole run (also double-click the timeline)' },
  { keys: ['/'], action: 'search', help: 'Search the trace' },
  { keys: ['?'], action: 'help', help: 'Show this help' },
  { keys: ['Esc'], action: 'closeHelp', help: 'Close this help' },
];

const KEY_ACTIONS = {
  ArrowRight: 'next', l: 'next', ArrowLeft: 'prev', h: 'prev',
  PageDown: 'nextPage', PageUp: 'prevPage', Home: 'start', End: 'end',
  ' ': 'play', k: 'play', n: 'nextEvent', N: 'prevEvent', e: 'nextDb', E: 'prevDb',
  i: 'nextIrq', I: 'prevIrq', '+': 'zoomIn', '=': 'zoomIn', '-': 'zoomOut', '?': 'help',
  w: 'zoomIn', W: 'zoomIn', s: 'zoomOut', S: 'zoomOut', a: 'panLeft', A: 'panLeft', d: 'panRight', D: 'panRight',
  f: 'fit', x: 'nextExecution', X: 'prevExecution', '/': 'search',
};

/** Elements whose own keys must win: typing in a field, choosing in a list, pressing a button. */
const OWN_KEYS = {
  INPUT: () => true,
  TEXTAREA: () => true,
  SELECT: () => true,
  BUTTON: (key) => key === ' ' || key === 'Enter',
  A: (key) => key === 'Enter',
  SUMMARY: (key) => key === ' ' || key === 'Enter',
};

/** Keys that also scroll the page: the player takes them only when focus is on it (or on nothing). */
const PAGE_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown', ' ']);

/**
 * Returns the action for a key press ({key, ctrlKey, metaKey, altKey, targetTag,
 * editable, inPlayer}), or null when the page should leave the key alone. inPlayer is
 * true when focus is in the player or on no element in particular.
 */
export function keyAction(press) {
  if (press.ctrlKey || press.metaKey || press.altKey || press.editable) return null;
  const own = OWN_KEYS[press.targetTag];
  if (own && own(press.key)) return null;
  if (PAGE_KEYS.has(press.key) && press.inPlayer === false) return null;
  return KEY_ACTIONS[press.key] ?? null;
}

/** Returns the milliseconds between steps when playing at a speed in steps per second. */
export function playInterval(stepsPerSecond) {
  return 1000 / Math.max(0.1, stepsPerSecond);
}
