/**
 * The scenario editor: line numbers beside the text, problem lines marked in them, problem
 * links that put the caret on the place, Ctrl+Enter to run, and focus kept when htmx swaps in
 * the form after a switch. The page works without this script; htmx does the checking.
 */
import { lineCount, offsetOf, parseLines } from './editor-text.js';
import { el } from './dom.js';

document.documentElement.classList.add('js');

const byId = (id) => document.getElementById(id);

/** Keeps one number per line in the gutter and the text area tall enough that it never scrolls itself. */
function renderGutter() {
  const text = byId('yaml');
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

/** Marks the lines the last check found problems on. */
function markProblems() {
  const check = byId('check');
  const gutter = byId('gutter');
  if (!check || !gutter) return;
  const lines = parseLines(check.dataset.errorLines);
  for (const span of gutter.children) span.classList.toggle('error', lines.has(Number(span.textContent)));
}

/** Puts the caret on a problem's line and column, and brings that line into view. */
function goToProblem(item) {
  const text = byId('yaml');
  const offset = offsetOf(text.value, Number(item.dataset.line), Number(item.dataset.column));
  text.focus({ preventScroll: true });
  text.setSelectionRange(offset, offset);
  byId('L' + item.dataset.line)?.scrollIntoView({ block: 'center' });
}

document.addEventListener('input', (e) => {
  if (e.target.id === 'yaml') renderGutter();
});

document.addEventListener('click', (e) => {
  const link = e.target.closest?.('a[data-goto]');
  if (!link) return;
  e.preventDefault();
  goToProblem(link.closest('li'));
});

document.addEventListener('keydown', (e) => {
  if (e.target.id === 'yaml' && e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    byId('editor-form')?.requestSubmit();
  }
});

// a switch swaps in the whole form: put focus back on the control that had it
let focusedId = null;
document.addEventListener('htmx:beforeSwap', () => {
  focusedId = document.activeElement?.id || null;
});
document.addEventListener('htmx:afterSettle', () => {
  renderGutter();
  markProblems();
  if (focusedId && document.activeElement === document.body) byId(focusedId)?.focus();
  focusedId = null;
});

renderGutter();
markProblems();
