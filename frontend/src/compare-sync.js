/**
 * The compare page's two timelines share one step axis: the current step, the scrolled view,
 * the hovered step and the zoom live in one shared object that both sides' states read and
 * write. DOM-free.
 */

/** Returns whether two values are the same: equal primitives, or plain objects with equal own values. */
export function sameValue(a, b) {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/**
 * Returns a side's state: its own fields, plus one accessor per key of shared that reads and
 * writes shared. onChange(key) runs after a write that changed a shared value (so the other
 * side repaints); writing an equal value (a view rebuilt with the same numbers) is quiet, which
 * stops two timelines from repainting each other forever.
 */
export function linkState(shared, own, onChange) {
  const state = { ...own };
  for (const key of Object.keys(shared)) {
    Object.defineProperty(state, key, {
      enumerable: true,
      get: () => shared[key],
      set: (value) => {
        if (sameValue(shared[key], value)) return;
        shared[key] = value;
        onChange(key);
      },
    });
  }
  return state;
}

/** Returns the markers of both sides in one list sorted by step, for jumping from event to event. */
export function mergeMarkers(a, b) {
  return [...a, ...b].sort((x, y) => x.step - y.step);
}
