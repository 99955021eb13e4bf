/**
 * The CodeMirror 6 panes of the editor: the program (GNU as, the legacy `gas` mode) and the
 * settings (YAML, the legacy `yaml` mode), each with its own line numbers, history, lint marks
 * and completion. CodeMirror comes from the webjars through the page's import map; its styles
 * go into a <style> that carries the page's CSP nonce.
 */
import { EditorState } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection, hoverTooltip,
} from '@codemirror/view';
import { StreamLanguage, syntaxHighlighting, indentUnit, bracketMatching } from '@codemirror/language';
import { defaultKeymap, history, historyKeymap, indentWithTab, undo } from '@codemirror/commands';
import { setDiagnostics, lintGutter } from '@codemirror/lint';
import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { classHighlighter } from '@lezer/highlight';
import { gas } from '@codemirror/legacy-modes/mode/gas';
import { yaml } from '@codemirror/legacy-modes/mode/yaml';

export { undo };

/**
 * Returns a pane in `host`: `{ view, setText(text), text() }`.
 *
 * @param options.kind      'program' or 'settings'
 * @param options.nonce     the CSP nonce for CodeMirror's style element
 * @param options.onChange  called after every change of the text
 * @param options.keys      extra key bindings (run, share), highest precedence
 * @param options.complete  a completion source (context => result|null)
 * @param options.hover     (word, view, pos) => a one-line text, or null
 * @param options.label     the accessible name
 */
export function createPane(host, options) {
  const language = StreamLanguage.define(options.kind === 'program' ? gas : yaml);
  const view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: options.text ?? '',
      extensions: [
        EditorView.cspNonce.of(options.nonce || ''),
        keymap.of(options.keys || []),
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        drawSelection(),
        bracketMatching(),
        history(),
        language,
        syntaxHighlighting(classHighlighter),
        indentUnit.of('  '),
        EditorState.tabSize.of(8),
        lintGutter(),
        autocompletion({ override: options.complete ? [options.complete] : undefined, icons: false }),
        hoverTooltip((v, pos) => hover(v, pos, options.hover)),
        keymap.of([...completionKeymap, indentWithTab, ...defaultKeymap, ...historyKeymap]),
        EditorView.contentAttributes.of({ 'aria-label': options.label, spellcheck: 'false', autocapitalize: 'off' }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) options.onChange?.(u);
        }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    /** Replaces the text as one undoable change: only the part that differs. */
    replaceText(text) {
      const old = view.state.doc.toString();
      if (old === text) return;
      let from = 0;
      while (from < old.length && from < text.length && old[from] === text[from]) from++;
      let oldEnd = old.length;
      let newEnd = text.length;
      while (oldEnd > from && newEnd > from && old[oldEnd - 1] === text[newEnd - 1]) { oldEnd--; newEnd--; }
      view.dispatch({ changes: { from, to: oldEnd, insert: text.slice(from, newEnd) }, userEvent: 'input.switch' });
    },
    /** Shows the server's problems: `[{ line, column, message, severity }]` in this pane's coordinates. */
    showProblems(problems) {
      const doc = view.state.doc;
      const diagnostics = problems.map((p) => {
        const line = doc.line(Math.min(Math.max(1, p.line), doc.lines));
        const from = Math.min(line.to, line.from + Math.max(0, p.column - 1));
        const word = /^[^\s,()]+/.exec(doc.sliceString(from, line.to));
        const to = p.column > 0 && word ? from + word[0].length : line.to;
        return { from, to: Math.max(to, from), severity: p.severity || 'error', message: p.message, source: p.source };
      });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
  };
}

function hover(view, pos, describe) {
  if (!describe) return null;
  const line = view.state.doc.lineAt(pos);
  const text = line.text;
  let start = pos - line.from;
  let end = start;
  while (start > 0 && /[\w.$]/.test(text[start - 1])) start--;
  while (end < text.length && /[\w.$]/.test(text[end])) end++;
  if (start === end) return null;
  const said = describe(text.slice(start, end), text, start);
  if (!said) return null;
  return {
    pos: line.from + start,
    end: line.from + end,
    above: true,
    create: () => {
      const dom = document.createElement('div');
      dom.className = 'cm-hover-help';
      dom.textContent = said;
      return { dom };
    },
  };
}
