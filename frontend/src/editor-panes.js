/**
 * The editor's two panes as views of one scenario text: the program (the `program: |` block,
 * without its indentation) and the settings (everything else). `split` takes a scenario apart,
 * `join` writes the one file back (the program block where it was, before the same key, or last),
 * and `toPane` turns a place in the joined file into a place in a pane, so the server's problems
 * land where the user typed. DOM-free.
 */

const HEADER = /^program:[ \t]*\|([1-9]?)([-+]?)([1-9]?)[ \t]*(#.*)?$/;
const TOP_KEY = /^([A-Za-z_][\w-]*):/;

/**
 * Returns the panes of a scenario text: `{ settings, program, finalNewline, nextKey, split }`.
 * `nextKey` is the top-level key that followed the program (the block goes back before it).
 * `split` is false when the text has no `program: |` block at the top level (a quoted program,
 * say); then the settings pane holds the whole text and the program pane stays empty.
 */
export function split(text) {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();     // the text's final line break
  const at = lines.findIndex((l) => HEADER.test(l));
  if (at === -1) return { settings: text, program: '', finalNewline: true, nextKey: null, split: false };
  const header = HEADER.exec(lines[at]);
  const chomp = header[2];
  let indent = Number(header[1] || header[3] || 0);
  if (!indent) {
    const first = lines.slice(at + 1).find((l) => l.trim() !== '');
    indent = first === undefined ? 0 : leading(first);
  }
  let end = at + 1;
  if (indent > 0) {
    while (end < lines.length && (lines[end].trim() === '' || leading(lines[end]) >= indent)) end++;
  }
  // trailing empty lines belong to the block only when kept (|+); clipped or stripped they are layout
  if (chomp !== '+') while (end > at + 1 && lines[end - 1].trim() === '') end--;
  const content = lines.slice(at + 1, end).map((l) => (leading(l) >= indent ? l.slice(indent) : ''));
  const after = lines.slice(end);
  const next = after.map((l) => TOP_KEY.exec(l)).find((m) => m);
  const rest = lines.slice(0, at).concat(after);
  return {
    settings: rest.length === 0 ? '' : rest.join('\n') + '\n',
    program: content.join('\n'),
    // |- strips the last line break; | and |+ keep it (|+ keeps the empty lines before it too)
    finalNewline: chomp !== '-',
    nextKey: next ? next[1] : null,
    split: true,
  };
}

/**
 * Returns the file of the panes and where the program block is in it:
 * `{ text, programLine, programLines, indent }`. The block is `program: |` (with the chomping and
 * indentation indicators the program needs to read back exactly) and the program indented by two
 * spaces, put before `nextKey` (and the empty lines above it) when the settings have that key,
 * else last. An empty program writes no block.
 */
export function join(settings, program, finalNewline = true, nextKey = null) {
  const lines = settings === '' ? [] : settings.replace(/\n$/, '').split('\n');
  if (program === '') return { text: settings, programLine: 0, programLines: 0, indent: 0 };
  const value = program + (finalNewline ? '\n' : '');
  let chomp = '';
  if (!value.endsWith('\n')) chomp = '-';
  else if (value.endsWith('\n\n') || value === '\n') chomp = '+';
  const firstText = program.split('\n').find((l) => l.trim() !== '');
  const indicator = firstText !== undefined && firstText.startsWith(' ') ? '2' : '';
  const block = ['program: |' + indicator + chomp].concat(program.split('\n').map((l) => (l === '' ? '' : '  ' + l)));
  let at = nextKey ? lines.findIndex((l) => l.startsWith(nextKey + ':')) : -1;
  if (at === -1) at = lines.length;
  else while (at > 0 && lines[at - 1].trim() === '') at--;
  const all = lines.slice(0, at).concat(block, lines.slice(at));
  return { text: all.join('\n') + '\n', programLine: at + 1, programLines: block.length - 1, indent: 2 };
}

/**
 * Returns the pane and place of a 1-based file line and column of a joined text:
 * `{ pane: 'program'|'settings', line, column }` (column 0: the start of the line).
 */
export function toPane(layout, line, column) {
  const { programLine, programLines, indent } = layout;
  if (programLine === 0 || line < programLine) return { pane: 'settings', line, column };
  if (line === programLine) return { pane: 'program', line: 1, column: 0 };
  if (line <= programLine + programLines) {
    return { pane: 'program', line: line - programLine, column: Math.max(0, column - indent) };
  }
  return { pane: 'settings', line: line - programLines - 1, column };
}

/** Returns the 1-based line of the settings where `key:` starts at the top level, or 0. */
export function keyLine(settings, key) {
  return settings.split('\n').findIndex((l) => l.startsWith(key + ':')) + 1;
}

/** Returns the YAML indentation of a line: its leading spaces (a tab is content, never indentation). */
function leading(line) {
  let n = 0;
  while (n < line.length && line[n] === ' ') n++;
  return n;
}
