/**
 * Help while typing in the editor's panes: completion of mnemonics and labels in the program,
 * of scenario keys, labels and vectors in the settings, and one line on hover (a mnemonic: what
 * it does and its SDM section; a label: its address). The words come from the one vocabulary
 * (/api/vocabulary.json: the assembler's table and the scenario readers' keys); the labels and
 * their addresses from the program and the server's last check. DOM-free except `checkedLabels`.
 */
import { vocabulary } from './vocabulary.js';

/** Returns the section path of a settings line (by indentation): '', 'cpu', 'hypervisor.fixes', 'idt', 'idt.*', 'expect'. */
export function sectionAt(lines, lineIndex, indent) {
  const path = [];
  let want = indent;
  for (let i = lineIndex - 1; i >= 0 && want > 0; i--) {
    const line = lines[i];
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const lead = line.length - line.trimStart().length;
    if (lead < want) {
      const key = /^\s*(?:-\s+)?([\w.]+):/.exec(line);
      if (key) path.unshift(key[1]);
      want = lead;
    }
  }
  if (path[0] === 'idt' && path.length === 2) return 'idt.*';
  return path.join('.');
}

/**
 * Returns the completions at a place: `{ from, options: [{label, detail, type}] }` or null.
 *
 * @param kind   'program' or 'settings'
 * @param before the line's text before the cursor
 * @param lines  the pane's lines, and `lineIndex` the cursor's (for the settings' section)
 * @param labels the program's labels: [{name}]
 */
export function completions(kind, before, lines, lineIndex, labels) {
  const word = /[\w.$]*$/.exec(before)[0];
  const from = before.length - word.length;
  const head = before.slice(0, from);
  const v = vocabulary();
  const labelOptions = labels.map((l) => ({ label: l.name, type: 'variable', detail: 'label' }));
  if (kind === 'program') {
    // a mnemonic where a statement starts: at the line start, after a label, a ';' or a C string's "\n\t"
    const statementStart = /^(?:\s*[\w.$]+:)*\s*(?:"?\s*|.*;\s*|.*\\n\\t?)$/.test(head) && !/[,$%(]\s*$/.test(head);
    if (statementStart) {
      return { from, options: Object.entries(v.mnemonics ?? {}).map(([m, w]) => ({ label: m, type: 'keyword', detail: w.does })) };
    }
    return word.length > 0 ? { from, options: labelOptions } : null;
  }
  const keyPlace = /^\s*(?:-\s+)?$/.test(head) || /[{,]\s*$/.test(head);
  if (keyPlace) {
    const indent = head.length - head.trimStart().length;
    let section = sectionAt(lines, lineIndex, indent);
    const flow = /-\s+(\w+):\s*\{[^}]*$/.exec(head);
    if (flow) section = 'expect.' + flow[1];
    const keys = (v.scenarioKeys ?? {})[section];
    if (section === 'idt') {
      return { from, options: Object.entries(v.vectors ?? {}).map(([n, name]) => ({ label: n, type: 'constant', detail: name })) };
    }
    if (keys) return { from, options: keys.map((k) => ({ label: k, type: 'property', detail: section || 'scenario' })) };
    return null;
  }
  // a value: labels (at:, handler:, rip:), vectors by number
  return word.length > 0 || /:\s*$/.test(head) ? { from, options: labelOptions } : null;
}

/**
 * Returns one line for a word under the pointer: a mnemonic's effect and SDM section, a label's
 * address (`stale`: the addresses are from an earlier check, the text has not assembled since).
 */
export function describe(word, labelAddresses, stale = false) {
  const m = (vocabulary().mnemonics ?? {})[word.toLowerCase()];
  if (m) return `${word.toLowerCase()}: ${m.does} (${m.source})`;
  const address = labelAddresses.get(word);
  if (address) return `${word}: label at ${address}` + (stale ? ' (at the last check that assembled)' : '');
  return null;
}

let lastLabels = new Map();

/** Returns the labels' addresses of the last check that assembled (its hidden list): `{ labels, stale }`. */
export function checkedLabels(root = document) {
  const items = root.querySelectorAll('#check .labels li');
  if (items.length === 0) return { labels: lastLabels, stale: true };
  lastLabels = new Map([...items].map((li) => [li.dataset.label, li.dataset.address]));
  return { labels: lastLabels, stale: false };
}

/** A CodeMirror completion source for a pane. */
export function completeIn(kind, context, labels) {
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  const lines = context.state.doc.toString().split('\n');
  const result = completions(kind, before, lines, line.number - 1, labels);
  if (!result) return null;
  if (result.from === before.length && !context.explicit) return null;
  return { from: line.from + result.from, options: result.options, validFor: /^[\w.$]*$/ };
}

/** The hover text of a word in a pane. */
export function describeWord(word) {
  const { labels, stale } = checkedLabels();
  return describe(word, labels, stale);
}
