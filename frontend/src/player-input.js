/**
 * What the scenario page and the compare page share about moving through a run: the markers
 * read from the server-rendered event list, the step and zoom actions, and the wiring of
 * buttons, keys and step links to those actions.
 */
import { follow, zoom, columnsThatFit, markerFor, scrollBy, fitAllColumnWidth, resize } from './timeline-layout.js';
import { keyAction } from './navigation.js';

/** Returns markers, sorted by step, from server-rendered event links (a[data-step-link] in li[data-type]). */
export function markersFromLinks(links) {
  return [...links]
    .map((a) => markerFor(Number(a.dataset.step), a.closest('li').dataset.type, a.textContent.replace(/\s+/g, ' ').trim()))
    .sort((x, y) => x.step - y.step);
}

/** Returns the view fitted to the whole run (as much of it as the narrowest columns show), around step. */
export function fitView(view, total, step) {
  const fitted = resize(view, { columnWidth: fitAllColumnWidth(total, view.width, view.labelWidth) });
  return follow(resize(fitted, { first: step - columnsThatFit(fitted) / 2 }), step);
}

/**
 * Returns the actions both players have: stepping, paging, jumping, zooming and panning. state
 * holds current, view, zoomed and hoverStep (zooming keys anchor there when the pointer is on the
 * timeline); goTo(step, history) moves; jump(direction, kind) moves to an event; eventKind() is
 * the kind n and Shift+N jump to; render() repaints after the view changes.
 */
export function stepActions({ state, total, goTo, jump, eventKind, render }) {
  const page = () => columnsThatFit(state.view);
  const zoomBy = (factor) => {
    state.zoomed = true;
    const anchor = state.hoverStep >= 0 ? state.hoverStep : state.current;
    state.view = zoom(state.view, factor, anchor);
    if (anchor === state.current) state.view = follow(state.view, state.current);
    render();
  };
  const panBy = (fraction) => {
    state.view = scrollBy(state.view, Math.round(page() * fraction) || Math.sign(fraction));
    render();
  };
  return {
    next: () => goTo(state.current + 1),
    prev: () => goTo(state.current - 1),
    nextPage: () => goTo(state.current + page()),
    prevPage: () => goTo(state.current - page()),
    start: () => goTo(0, 'push'),
    end: () => goTo(total - 1, 'push'),
    nextEvent: () => jump(+1, eventKind()),
    prevEvent: () => jump(-1, eventKind()),
    nextDb: () => jump(+1, 'db'),
    prevDb: () => jump(-1, 'db'),
    nextIrq: () => jump(+1, 'irq'),
    prevIrq: () => jump(-1, 'irq'),
    zoomIn: () => zoomBy(1.5),
    zoomOut: () => zoomBy(1 / 1.5),
    panLeft: () => panBy(-0.2),
    panRight: () => panBy(0.2),
    fit: () => {
      state.view = fitView(state.view, total, state.current);
      state.zoomed = true;
      render();
    },
  };
}

/** Runs the action of a clicked button[data-action] inside controls. */
export function bindControls(controls, actions) {
  controls.addEventListener('click', (e) => {
    const button = e.target.closest('button[data-action]');
    if (button && actions[button.dataset.action]) actions[button.dataset.action]();
  });
}

/** Runs the action a key press maps to (see keyAction), taking the key from the page; returns whether it did. */
export function runKeyAction(e, actions) {
  const target = e.target;
  const action = keyAction({
    key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey,
    targetTag: target.tagName, editable: target.isContentEditable,
    inPlayer: target === document.body || !!target.closest?.('.player'),
  });
  if (!action || !actions[action]) return false;
  e.preventDefault();
  actions[action]();
  return true;
}

/** Calls onStep(step) for a plain left click on a step link (a[data-step-link]) inside root; modified clicks open the link. */
export function bindStepLinks(root, onStep) {
  root.addEventListener('click', (e) => {
    const link = e.target.closest('a[data-step-link]');
    if (link && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.button === 0) {
      e.preventDefault();
      onStep(Number(link.dataset.step));
    }
  });
}
