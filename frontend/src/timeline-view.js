/**
 * The timeline on the page: paints the lanes and the overview at most once a frame, and turns
 * pointer, wheel, touch and focus on them into a tooltip, view changes and step choices:
 * Ctrl+wheel or a pinch zooms around the pointer, a drag pans, Shift+drag selects a range, a
 * double-click fits the run, a click moves there. The page shares its state object; this module
 * reads it and changes only view, zoomed, hoverStep and range.
 */
import { valueAt, describeStep } from './lanes.js';
import {
  follow, resize, scrollBy, xToStep, rowAt, lanesHeight, markersInRange, overviewToStep, labelWidthFor, fittingColumnWidth,
  zoom, geometryFor, GEOMETRY, visibleRange, laneTop,
} from './timeline-layout.js';
import { readColors, fitCanvas, paintLanes, paintOverview, overviewRows } from './timeline-canvas.js';
import { whereSlices, frameAt } from './timeline-frames.js';
import { hasPhases, phaseAt } from './timeline-phases.js';
import { tooltipFor } from './timeline-tooltip.js';
import { fitView } from './player-input.js';
import { el } from './dom.js';

/**
 * Mounts the timeline whose canvases (canvas.lanes, canvas.overview) and readout (.readout) are
 * in root; goTo(step, history) moves the current step. Returns {scheduleRender, updateReadout}.
 * state.divergence, when set, is a step to mark (the compare page's first difference).
 * state.tracks, when set ({stepAt(i), frames, flows}), adds the where track and the frames;
 * state.marks (sorted steps) and state.markKind mark steps; state.phases (the KVM_RUN phase
 * track's runs) adds the phase row when the steps carry phases; state.exits (sorted steps) draws
 * the exits to userspace; state.onView() hears view changes;
 * state.onRange(range) hears a Shift+drag selection.
 * Two compared runs on one axis (the compare page): state.whereTracks ([{side, label, stepAt(row),
 * stepOf(row), frames, gaps}], one where track per run, instead of tracks), state.gaps and
 * state.differing (see paintLanes), lanes with a side, state.laneHeight and state.overviewHeight.
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

  let viewShown = '';
  let labelsShown = '';
  const geometry = () => {
    if (state.whereTracks) return geometryFor({ where: true, whereTracks: state.whereTracks.length, laneHeight: state.laneHeight });
    return state.tracks ? geometryFor({ where: true, frameRows: state.tracks.frames.depth, phases: hasPhases(state.phases) }) : GEOMETRY;
  };

  function render(now) {
    frameRequested = false;
    const width = lanesCanvas.clientWidth;
    if (width !== state.view.width) {
      const labelWidth = labelWidthFor(width);
      const columnWidth = state.zoomed ? state.view.columnWidth : fittingColumnWidth(total, width, labelWidth);
      state.view = follow(resize(state.view, { width, labelWidth, columnWidth }), state.current);
    }
    const { encoded, runs } = state;
    const g = geometry();
    // the view, readable from outside (tests, tools): first visible step and column width in px
    // and the y of the first lane's top
    const shown = `${state.view.first} ${state.view.columnWidth} ${laneTop(0, g)} ${g.laneHeight}`;
    if (shown !== viewShown) {
      viewShown = shown;
      lanesCanvas.dataset.first = String(state.view.first);
      lanesCanvas.dataset.columnWidth = String(state.view.columnWidth);
      lanesCanvas.dataset.labelWidth = String(state.view.labelWidth);
      lanesCanvas.dataset.lanesTop = String(laneTop(0, g));
      lanesCanvas.dataset.laneHeight = String(g.laneHeight);
    }
    let where = null;
    if (state.tracks) {
      const { from, to } = visibleRange(state.view);
      const { stepAt, frames, flows } = state.tracks;
      where = { slices: whereSlices({ from, to: Math.min(to, encoded), columnWidth: state.view.columnWidth, stepAt, frames }), frames, flows };
    }
    let whereTracks = null;
    if (state.whereTracks) {
      const { from, to } = visibleRange(state.view);
      whereTracks = state.whereTracks.map((t) => ({
        label: t.label,
        slices: whereSlices({ from, to: Math.min(to, encoded), columnWidth: state.view.columnWidth, stepAt: t.stepAt, frames: t.frames, gaps: t.gaps }),
      }));
    }
    const { labels } = paintLanes(fitCanvas(lanesCanvas, width, lanesHeight(state.lanes.length, g)), {
      whereTracks, gaps: state.gaps, differing: state.differing, marksOutline: state.marksOutline,
      view: state.view, lanes: state.lanes, runs, encoded, markers: state.markers, findingMarkers: state.findingMarkers,
      current: state.current, hoverStep: state.hoverStep, colors: state.colors, font, divergence: state.divergence,
      geometry: g, where, marks: state.marks, markKind: state.markKind, range: state.range, phases: state.phases, exits: state.exits,
    });
    // the marker labels on screen, readable from outside (tests, tools): "step:text" by row, "|" between
    const labelText = labels.map((l) => `${l.step}:${l.row}:${l.text}`).join('|');
    if (labelText !== labelsShown) {
      labelsShown = labelText;
      lanesCanvas.dataset.labels = labelText;
    }
    // the overview walks every lane across the whole run: while steps stream in, redo that
    // a few times a second, not every frame
    const ow = overviewCanvas.clientWidth;
    const stale = overview.width !== ow || overview.lanes !== state.lanes || overview.encoded !== encoded;
    if (stale && (overview.width !== ow || encoded === total || now - overview.at > 250)) {
      overview = { width: ow, lanes: state.lanes, encoded, at: now, buckets: overviewRows(state.lanes, runs, total, encoded, ow) };
    } else if (stale && !frameRequested) {
      setTimeout(scheduleRender, 260);
    }
    const oh = state.overviewHeight ?? 48;
    paintOverview(fitCanvas(overviewCanvas, ow, oh), {
      width: ow, height: oh, lanes: state.lanes, buckets: overview.buckets, total, encoded: overview.encoded,
      view: state.view, markers: state.markers, findingMarkers: state.findingMarkers, colors: state.colors,
    });
  }

  const viewChanged = () => {
    scheduleRender();
    state.onView?.();
  };

  // ---- the readout (one line for keyboard and screen-reader users) and the tooltip at the pointer

  const readout = root.querySelector('.readout');
  function updateReadout(text) {
    readout.textContent = text ?? (state.runs
      ? describeStep(state.lanes, state.runs, state.current)
      : 'Step ' + state.current + ': loading…');
  }

  const tip = el('div', { className: 'timeline-tip', role: 'tooltip', id: lanesCanvas.id + '-tip' });
  tip.hidden = true;
  lanesCanvas.after(tip);

  function showTip(e, step, row) {
    const here = [...markersInRange(state.markers, step, step + 1), ...markersInRange(state.findingMarkers ?? [], step, step + 1)];
    const lane = row.row === 'lane' ? state.lanes[row.lane] : null;
    // on a compared pair or a run's where track, the tooltip tells that run's step
    // (over the markers or the step numbers: the first run that takes a step there)
    const side = lane?.side ?? state.whereTracks?.[row.track ?? -1]?.side;
    const track = side ? state.whereTracks.find((t) => t.side === side)
      : state.whereTracks?.find((t) => t.stepOf(step) !== null) ?? state.whereTracks?.[0];
    const index = track ? track.stepOf(step) : step;
    const data = track ? (index === null ? null : track.stepAt(step)) : state.tracks?.stepAt(step);
    const frames = track ? track.frames : state.tracks?.frames;
    const { title, lines } = index === null
      ? { title: `Step ${step} · ${track.side.toUpperCase()} takes no step here`, lines: [{ key: 'gap', text: track.gapText(step) }] }
      : tooltipFor({
        index, step: data, frame: frames ? frameAt(frames, step) : null, here,
        lane, value: lane && state.runs ? valueAt(state.runs[lane.id], step) : undefined,
        phase: track ? undefined : phaseAt(state.phases, step),
      });
    if (track && index !== null) lines.unshift({ key: 'run', text: `${track.name} · row ${step} of the alignment` });
    tip.replaceChildren(el('strong', {}, title),
      ...lines.map((l) => el('div', { className: 'tip-line tip-' + l.key.replace(/\W/g, '') }, el('span', { className: 'tip-key' }, l.key + ' '), l.text)));
    tip.hidden = false;
    // beside the pointer, flipped to stay inside the timeline's box
    const box = lanesCanvas.getBoundingClientRect();
    const x = e.clientX - box.left;
    const y = e.clientY - box.top;
    const w = tip.offsetWidth;
    const left = x + 14 + w > box.width ? Math.max(0, x - 14 - w) : x + 14;
    tip.style.left = left + lanesCanvas.offsetLeft + 'px';
    tip.style.top = y + 18 + lanesCanvas.offsetTop + 'px';
  }
  const hideTip = () => {
    tip.hidden = true;
  };

  // ---- pointers: hover, click, drag to pan, Shift+drag to select, two fingers to pinch

  const pointers = new Map();
  let drag = null;
  let pinch = null;
  const stepAtX = (x) => xToStep(x, state.view);
  const localX = (e) => e.clientX - lanesCanvas.getBoundingClientRect().left;
  const localY = (e) => e.clientY - lanesCanvas.getBoundingClientRect().top;

  lanesCanvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    pointers.set(e.pointerId, { x: localX(e) });
    try {
      lanesCanvas.setPointerCapture(e.pointerId);
    } catch {
      // a synthetic pointer: no capture, the moves still come to the canvas
    }
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinch = { distance: Math.abs(a.x - b.x) || 1, view: state.view, anchor: stepAtX((a.x + b.x) / 2) };
      drag = null;
      return;
    }
    drag = { x: localX(e), first: state.view.first, moved: false, select: e.shiftKey, from: stepAtX(localX(e)) };
  });
  lanesCanvas.addEventListener('pointermove', (e) => {
    const x = localX(e);
    if (pointers.has(e.pointerId)) pointers.get(e.pointerId).x = x;
    if (pinch && pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const factor = (Math.abs(a.x - b.x) || 1) / pinch.distance;
      state.zoomed = true;
      state.view = zoom(pinch.view, factor, pinch.anchor >= 0 ? pinch.anchor : state.current);
      viewChanged();
      return;
    }
    const step = stepAtX(x);
    if (drag) {
      const dx = x - drag.x;
      if (!drag.moved && Math.abs(dx) > 4) drag.moved = true;
      if (drag.moved && drag.select && drag.from >= 0 && step >= 0) {
        state.range = { from: Math.min(drag.from, step), to: Math.max(drag.from, step) + 1 };
        state.onRange?.(state.range);
        scheduleRender();
      } else if (drag.moved && !drag.select) {
        state.view = resize(state.view, { first: drag.first - dx / state.view.columnWidth });
        hideTip();
        viewChanged();
        return;
      }
    }
    const row = rowAt(localY(e), state.lanes.length, geometry());
    state.hoverStep = step;
    scheduleRender();
    if (step < 0 || !row) return hideTip();
    showTip(e, step, row);
  });
  const endPointer = (e) => {
    pointers.delete(e.pointerId);
    if (pointers.size < 2) pinch = null;
    const d = drag;
    drag = null;
    if (e.type === 'pointerup' && d && !d.moved && pointers.size === 0) {
      const step = stepAtX(localX(e));
      if (step >= 0) {
        if (state.range) {
          state.range = null;
          state.onRange?.(null);
        }
        goTo(step, 'push');
      }
    }
  };
  lanesCanvas.addEventListener('pointerup', endPointer);
  lanesCanvas.addEventListener('pointercancel', endPointer);
  lanesCanvas.addEventListener('pointerleave', () => {
    state.hoverStep = -1;
    hideTip();
    scheduleRender();
  });
  lanesCanvas.addEventListener('dblclick', (e) => {
    e.preventDefault();
    state.view = fitView(state.view, total, state.current);
    state.zoomed = true;
    viewChanged();
  });
  lanesCanvas.addEventListener('focus', () => updateReadout());

  // Ctrl+wheel and trackpad pinches (which arrive as Ctrl+wheel) zoom around the pointer;
  // a sideways wheel or Shift+wheel pans; a plain vertical wheel scrolls the page
  let panRest = 0;
  lanesCanvas.addEventListener('wheel', (e) => {
    const pixels = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? state.view.width : 1;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      const anchor = stepAtX(localX(e));
      state.zoomed = true;
      state.view = zoom(state.view, Math.exp(-e.deltaY * pixels * 0.004), anchor >= 0 ? anchor : state.current);
      viewChanged();
      return;
    }
    const sideways = Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.shiftKey ? e.deltaY : 0;
    if (!sideways) return;
    e.preventDefault();
    panRest += (sideways * pixels) / state.view.columnWidth;
    const columns = Math.trunc(panRest);
    panRest -= columns;
    if (columns) {
      state.view = scrollBy(state.view, columns);
      viewChanged();
    }
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
