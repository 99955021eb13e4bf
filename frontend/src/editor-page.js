/**
 * The scenario editor. Without JavaScript it is a text area that htmx (or a plain post) checks
 * and runs. With it, two CodeMirror panes replace the text area: the program and the settings,
 * both views of the one scenario text, which is written back into the text area on every change
 * (so check, run, share and compare post the same file). The server's problems become lint marks
 * in the pane where they are; switches become undoable edits; Ctrl+Enter runs, Ctrl+S shares.
 */
import { lineCount, offsetOf, parseLines } from './editor-text.js';
import { split, join, toPane, keyLine } from './editor-panes.js';
import { completeIn, describeWord } from './editor-help.js';
import { el } from './dom.js';

document.documentElement.classList.add('js');

const byId = (id) => document.getElementById(id);
const form = () => byId('editor-form');
const textarea = () => byId('yaml');

/** Keeps one number per line in the fallback gutter and the text area tall enough that it never scrolls itself. */
function renderGutter() {
  const text = textarea();
  const gutter = byId('gutter');
  if (!text || !gutter) return;
  const lines = lineCount(text.value);
  if (text.rows !== lines + 1) text.rows = lines + 1;
  while (gutter.children.length < lines) {
    const n = gutter.children.length + 1;
    gutter.append(el('span', { id: 'L' + n }, String(n)));
  }
  while (gutter.children.length > lines) gutter.lastElementChild.remove();
}

/** Marks the lines the last check found problems on, in the fallback gutter. */
function markProblems() {
  const check = byId('check');
  const gutter = byId('gutter');
  if (!check || !gutter) return;
  const lines = parseLines(check.dataset.errorLines);
  for (const span of gutter.children) span.classList.toggle('error', lines.has(Number(span.textContent)));
}

// ---- the panes ----------------------------------------------------------------------------

let panes = null;        // { program, settings, shape, layout }

async function startPanes() {
  const host = byId('panes');
  if (!host || !textarea()) return;
  let cm;
  try {
    cm = await import('./editor-cm.js');
  } catch (e) {
    console.warn('the editor stays a text area: CodeMirror did not load', e);
    return;
  }
  const shape = split(textarea().value);
  const nonce = byId('main')?.dataset.styleNonce || '';
  const keys = [
    { key: 'Mod-Enter', run: () => { runScenario(); return true; } },
    { key: 'Mod-s', run: () => { share(); return true; }, preventDefault: true },
  ];
  const common = { nonce, keys, onChange: written, hover: (word, line, at) => describeWord(word, line, at, labels()) };
  const program = cm.createPane(byId('program-pane'), {
    ...common, kind: 'program', text: shape.program, label: 'Program (GNU as)',
    complete: (ctx) => completeIn('program', ctx, labels()),
  });
  const settings = cm.createPane(byId('settings-pane'), {
    ...common, kind: 'settings', text: shape.split ? shape.settings : textarea().value, label: 'Settings (YAML)',
    complete: (ctx) => completeIn('settings', ctx, labels()),
  });
  panes = { program, settings, shape, layout: null, undo: cm.undo };
  host.hidden = false;
  document.querySelector('.fallback-editor').hidden = true;
  written();
  showProblems();
  // for EditorIT's measurement: when the panes could first be typed in
  byId('main').dataset.editorReadyMs = String(Math.round(performance.now()));
}

/** Returns the labels the program defines (name: at the start of a statement), with their lines. */
function labels() {
  if (!panes) return [];
  const found = [];
  panes.program.text().split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/(?:^|;|\\n\\t?|")\s*([A-Za-z_.$][\w.$]*):/g)) found.push({ name: m[1], line: i + 1 });
  });
  return found;
}

/** Writes the panes into the text area as one file, and asks for a check when it changed. */
function written() {
  if (!panes) return;
  const { shape } = panes;
  const settingsText = panes.settings.text();
  const programText = panes.program.text();
  const layout = shape.split || programText !== ''
    ? join(settingsText, programText, shape.finalNewline, shape.nextKey)
    : { text: settingsText, programLine: 0, programLines: 0, indent: 0 };
  panes.layout = layout;
  const text = textarea();
  if (text.value !== layout.text) {
    text.value = layout.text;
    text.dispatchEvent(new Event('editor-changed'));
  }
}

/** Shows the last check's problems as lint marks, each in its pane, and the list in pane coordinates. */
function showProblems() {
  if (!panes || !panes.layout) return;
  const byPane = { program: [], settings: [] };
  for (const item of document.querySelectorAll('#check .problems li')) {
    const line = Number(item.dataset.line);
    if (!(line > 0)) continue;
    const place = toPane(panes.layout, line, Number(item.dataset.column));
    const message = item.querySelector('.message')?.textContent ?? '';
    const path = item.querySelector('.path')?.textContent ?? '';
    byPane[place.pane].push({ line: place.line, column: place.column, message: path && path !== 'program' ? path + ': ' + message : message });
    const where = item.querySelector('.where');
    if (where) {
      where.textContent = place.pane + ' ' + place.line + (place.column > 0 ? ':' + place.column : '');
      where.dataset.pane = place.pane;
      where.dataset.paneLine = place.line;
      where.dataset.paneColumn = place.column;
    }
    if (path === 'program') item.querySelector('.path')?.remove();
  }
  for (const claim of document.querySelectorAll('#check .claims li')) {
    const line = keyLine(panes.settings.text(), claim.dataset.key);
    if (line > 0) byPane.settings.push({ line, column: 0, message: claim.textContent, severity: 'warning' });
  }
  panes.program.showProblems(byPane.program);
  panes.settings.showProblems(byPane.settings);
}

/** Puts the caret on a problem's place, in its pane or in the text area. */
function goToProblem(link) {
  const item = link.closest('li');
  if (panes && link.dataset.pane) {
    const { view } = panes[link.dataset.pane];
    const line = view.state.doc.line(Math.min(Number(link.dataset.paneLine), view.state.doc.lines));
    const pos = Math.min(line.to, line.from + Math.max(0, Number(link.dataset.paneColumn) - 1));
    view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
    view.focus();
    return;
  }
  const text = textarea();
  const offset = offsetOf(text.value, Number(item.dataset.line), Number(item.dataset.column));
  text.focus({ preventScroll: true });
  text.setSelectionRange(offset, offset);
  byId('L' + item.dataset.line)?.scrollIntoView({ block: 'center' });
}

function runScenario() {
  written();
  form()?.requestSubmit();
}

function share() {
  written();
  byId('editor-share')?.click();
}

// ---- switches as edits ----------------------------------------------------------------------

/** Sends the switches to the server and applies the text it answers as one edit of the panes (Ctrl+Z undoes it). */
async function switchAsEdit(input) {
  written();
  const body = new URLSearchParams(new FormData(form()));
  const note = document.querySelector('#settings .switch-error');
  try {
    const response = await fetch('/editor/switch.json', { method: 'POST', body, headers: { Accept: 'application/json' } });
    const answer = await response.json();
    if (answer.error) {
      const p = note ?? el('p', { className: 'switch-error', role: 'alert' });
      p.textContent = answer.error;
      if (!note) input.closest('fieldset')?.prepend(p);
      return;
    }
    note?.remove();
    const next = split(answer.yaml);
    if (next.split) {
      panes.program.replaceText(next.program);
      panes.settings.replaceText(next.settings);
    } else {
      panes.settings.replaceText(answer.yaml);
    }
  } catch (e) {
    console.warn('the switch could not be set', e);
  }
}

document.addEventListener('change', (e) => {
  if (!panes || !e.target.closest?.('#settings .switches')) return;
  e.stopPropagation();          // htmx would swap the whole form; the edit goes through the panes instead
  switchAsEdit(e.target);
}, true);

// ---- keys and links -------------------------------------------------------------------------

document.addEventListener('input', (e) => {
  if (e.target.id === 'yaml') renderGutter();
});

document.addEventListener('click', (e) => {
  const link = e.target.closest?.('a[data-goto]');
  if (!link) return;
  e.preventDefault();
  goToProblem(link);
});

document.addEventListener('keydown', (e) => {
  const mod = e.ctrlKey || e.metaKey;
  if (!mod) return;
  if (e.key === 'Enter' && (e.target.id === 'yaml' || e.target.closest?.('#editor-form'))) {
    e.preventDefault();
    runScenario();
  } else if (e.key === 's' || e.key === 'S') {
    e.preventDefault();
    share();
  } else if ((e.key === 'z' || e.key === 'Z') && panes && e.target.closest?.('#settings')) {
    // Ctrl+Z on a switch undoes the switch's edit
    e.preventDefault();
    panes.undo(panes.settings.view);
  }
});

// a plain htmx swap (no panes) puts in the whole form: put focus back on the control that had it
let focusedId = null;
document.addEventListener('htmx:beforeSwap', () => {
  focusedId = document.activeElement?.id || null;
});
document.addEventListener('htmx:afterSettle', () => {
  renderGutter();
  markProblems();
  showProblems();
  if (focusedId && document.activeElement === document.body) byId(focusedId)?.focus();
  focusedId = null;
});

renderGutter();
markProblems();
startPanes();
