/**
 * Lines and places in the editor's text: what the gutter and the problem links need. DOM-free.
 */

/** Returns the number of lines the text shows (a final line break opens an empty last line). */
export function lineCount(text) {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/**
 * Returns the offset of a 1-based line and column in the text, clamped to the text: column 0
 * (unknown) means the start of the line, a column past the end the end of the line.
 */
export function offsetOf(text, line, column = 0) {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) return text.length;
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  const lineEnd = end === -1 ? text.length : end;
  return Math.min(lineEnd, start + Math.max(0, column - 1));
}

/** Returns the 1-based line holding an offset. */
export function lineAt(text, offset) {
  return lineCount(text.slice(0, Math.max(0, offset)));
}

/** Returns the set of line numbers in a space-separated list such as data-error-lines="3 7". */
export function parseLines(list) {
  return new Set(String(list ?? '').split(/\s+/).filter((s) => /^\d+$/.test(s)).map(Number));
}
