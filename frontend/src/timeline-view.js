/**
 * The timeline on the page: paints the lanes and the overview at most once a frame, and
 * turns pointer, wheel and focus on them into readout text and step choices. The page
 * shares its state object; this module reads it and changes only view and hoverStep.
 */
import { valueAt, describeValue, describeStep } from './lanes.js';
import {
  follow, resize, scrollBy, xToStep, rowAt, lanesHeight, markersInRange, overviewToStep, labelWidthFor, fittingColumnWidth,
} from './timeline-layout.js';
import { readColors, fitCanvas, paintLanes, paintOverview, overviewRows } from './timeline-canvas.js';

/**
 * Mounts the timeline whose canvases (canvas.lanes, canvas.overview) and readout (.readout) are
 * in root; goTo(step, history) moves the current step. Returns {scheduleRender, updateReadout}.
 * state.divergence, when set, is a step to mark (the compare page's first difference).
 */
export function mountTimeline(root, state, total, goTo) {
  const lanesCanvas = root.querySelector('canvas.lanes');
  const overviewCanvas = root.querySelector('canvas.overview');
  const font = getComputedStyle(document.body).fontFamily;

  // ---- painting, at most once per frame

  let frameRequested = false;
  let overview = { width: -1, lanes: null, encoded: -1, at: 0, buckets: [] };
  function scheduleRender() {
    if (frameRequested) return;
    frameRequested = true;
    requestAnimationFrame(render);
  }

  function render(now) {
    frameRequested = false;
    const width = lanesCanvas.clientWidth;
    if (width !== state.view.width) {
      const labelWidth = labelWidthFor(width);
      const columnWidth = state.zoomed ? state.view.columnWidth : fittingColumnWidth(total, width, labelWidth);
      state.view = follow(resize(state.view, { width, labelWidth, columnWidth }), state.current);
    }
    const { encoded, runs } = state;
    paintLanes(fitCanvas(lanesCanvas, width, lanesHeight(state.lanes.length)), {
      view: state.view, lanes: state.lanes, runs, encoded, markers: state.markers, findingMarkers: state.findingMarkers,
      current: state.current, hoverStep: state.hoverStep, colors: state.colors, font, divergence: state.divergence,
    });
    // the overview walks every lane across the whole run: while steps stream in, redo that
    // a few times a second, not every frame
    const ow = overviewCanvas.clientWidth;
    const stale = overview.width !== ow || overview.lanes !== state.lanes || overview.encoded !== encoded;
    if (stale && (overview.width !== ow || encoded === total || now - overview.at > 250)) {
      overview = { width: ow, lanes: state.lanes, encoded, at: now, buckets: overviewRows(state.lanes, runs, total, encoded, ow) };
    } else if (stale && !frameRequested) {
      setTimeout(scheduleRender, 260);
    }
    paintOverview(fitCanvas(overviewCanvas, ow, 48), {
      width: ow, height: 48, lanes: state.lanes, buckets: overview.buckets, total, encoded: overview.encoded,
      view: state.view, markers: state.markers, findingMarkers: state.findingMarkers, colors: state.colors,
    });
  }

  // ---- the timeline under the pointer and under focus

  const readout = root.querySelector('.readout');
  function updateReadout(text) {
    readout.textContent = text ?? (state.runs
      ? describeStep(state.lanes, state.runs, state.current)
      : 'Step ' + state.current + ': loading…');
  }

  lanesCanvas.addEventListener('pointermove', (e) => {
    const step = xToStep(e.offsetX, state.view);
    const row = rowAt(e.offsetY, state.lanes.length);
    state.hoverStep = step;
    scheduleRender();
    if (step < 0 || !row) return updateReadout();
    if (row.row === 'lane') {
      const lane = state.lanes[row.lane];
      const value = state.runs ? valueAt(state.runs[lane.id], step) : undefined;
      updateReadout(`Step ${step} · ${lane.label} = ${describeValue(lane, value)} · ${lane.title}`);
    } else {
      const here = [...markersInRange(state.markers, step, step + 1), ...markersInRange(state.findingMarkers ?? [], step, step + 1)];
      updateReadout(here.length ? `Step ${step}: ${here.map((m) => m.title).join('; ')}` : `Step ${step}`);
    }
  });
  lanesCanvas.addEventListener('pointerleave', () => {
    state.hoverStep = -1;
    updateReadout();
    scheduleRender();
  });
  lanesCanvas.addEventListener('focus', () => updateReadout());
  lanesCanvas.addEventListener('click', (e) => {
    const step = xToStep(e.offsetX, state.view);
    if (step >= 0) goTo(step, 'push');
  });
  lanesCanvas.addEventListener('wheel', (e) => {
    if (Math.abs(e.deltaX) <= Math.abs(e.deltaY)) return; // vertical wheel scrolls the page
    e.preventDefault();
    state.view = scrollBy(state.view, Math.round(e.deltaX / state.view.columnWidth));
    scheduleRender();
  }, { passive: false });
  // the overview: a click moves there; holding the button and dragging scrubs through the run
  let scrubbing = false;
  const overviewStep = (e) => overviewToStep(e.offsetX, total, overviewCanvas.clientWidth);
  overviewCanvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    scrubbing = true;
    try {
      overviewCanvas.setPointerCapture(e.pointerId);
    } catch {
      // a pointer the browser does not track (a synthetic event): scrub without capture
    }
    goTo(overviewStep(e), 'push');
  });
  overviewCanvas.addEventListener('pointermove', (e) => {
    if (scrubbing) goTo(overviewStep(e), 'replace');
  });
  const stopScrubbing = () => { scrubbing = false; };
  overviewCanvas.addEventListener('pointerup', stopScrubbing);
  overviewCanvas.addEventListener('pointercancel', stopScrubbing);

  new ResizeObserver(() => scheduleRender()).observe(lanesCanvas);
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    state.colors = readColors(root);
    scheduleRender();
  });

  return { scheduleRender, updateReadout };
}
