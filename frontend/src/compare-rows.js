/**
 * The rows of the compare page's aligned view, read from the server's alignment (main[data-spans]:
 * `op,a,b,length` per span, `;` between; op m = both runs, a / b = only that run, ha / hb = host
 * work only that run does). A row holds run A's step, run B's step, or both. DOM-free.
 */

/** Returns the spans of a data-spans string: [{op, a, b, length, host, first}], first being the span's first row. */
export function parseSpans(text) {
  const spans = [];
  let row = 0;
  for (const part of (text ?? '').split(';')) {
    if (!part) continue;
    const [code, a, b, length] = part.split(',');
    const op = code.endsWith('a') ? 'a' : code.endsWith('b') ? 'b' : 'm';
    spans.push({ op, a: Number(a), b: Number(b), length: Number(length), host: code.startsWith('h'), first: row });
    row += Number(length);
  }
  return spans;
}

/** Returns how many rows the spans make. */
export function rowCount(spans) {
  const last = spans[spans.length - 1];
  return last ? last.first + last.length : 0;
}

function spanAt(spans, row) {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid].first <= row) lo = mid;
    else hi = mid - 1;
  }
  return spans[lo];
}

/**
 * Returns what a row holds: {a, b, host, only}; a and b are the steps of each run there (null when
 * that run takes none), near.a / near.b the step each timeline shows (the one the gap follows),
 * host whether the row is host work only one run does, only 'a', 'b' or null.
 */
export function rowAt(spans, row) {
  if (!spans.length) return { a: null, b: null, near: { a: 0, b: 0 }, host: false, only: null };
  const s = spanAt(spans, row);
  const offset = row - s.first;
  const a = s.op === 'b' ? null : s.a + offset;
  const b = s.op === 'a' ? null : s.b + offset;
  return {
    a, b, host: s.host, only: s.op === 'm' ? null : s.op,
    near: { a: a ?? Math.max(0, s.a - 1), b: b ?? Math.max(0, s.b - 1) },
  };
}

/** Returns the row of a run's step (side 'a' or 'b'), or null when the run has no such step. */
export function rowOf(spans, side, step) {
  for (const s of spans) {
    if (s.op !== 'm' && s.op !== side) continue;
    const first = side === 'a' ? s.a : s.b;
    if (step >= first && step < first + s.length) return s.first + step - first;
  }
  return null;
}

/** Returns the next (direction +1) or previous (-1) row in a sorted list of rows, or null. */
export function nextRow(rows, current, direction) {
  if (direction > 0) return rows.find((r) => r > current) ?? null;
  for (let i = rows.length - 1; i >= 0; i--) if (rows[i] < current) return rows[i];
  return null;
}
