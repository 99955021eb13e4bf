/**
 * The compare page: two runs lined up on the guest (the server's alignment, compare-rows.js). The
 * current step is a row of the alignment; each run's timeline shows its own step at that row (or
 * waits on the step before a gap where only the other run takes steps), the inspector shows both
 * states side by side with the differing fields marked, and the steps of every difference are
 * marked on both timelines. Moving, the address bar and Play are the scenario page's (step-player.js).
 */
import { BASE_LANES, VMX_LANES, lanesInUse } from './lanes.js';
import { applyDelta } from './lane-sync.js';
import { initialView, follow, markers as toMarkers } from './timeline-layout.js';
import { stepFromQuery, SHORTCUTS } from './navigation.js';
import { createStepCache } from './step-cache.js';
import { readColors } from './timeline-canvas.js';
import { mountTimeline } from './timeline-view.js';
import { createFrameMirror, applyFrameDelta } from './timeline-frames.js';
import { pageFetcher, openStream } from './run-stream.js';
import { markersFromLinks, stepActions, bindControls, runKeyAction } from './player-input.js';
import { createStepPlayer } from './step-player.js';
import { parseSpans, rowCount, rowAt, rowOf, nextRow } from './compare-rows.js';
import { inspectorRows } from './compare-inspector.js';
import { el } from './dom.js';

const main = document.querySelector('main.compare');
if (main) start(main);

function start(main) {
  const spans = parseSpans(main.dataset.spans);
  const total = rowCount(spans);
  const differenceRows = (main.dataset.differences ?? '').split(',').filter(Boolean).map(Number);
  const sideEls = [...main.querySelectorAll('.compare-side')];
  const stepInput = main.querySelector('#step-input');
  const rowSteps = main.querySelector('#row-steps');
  const inspectorBody = main.querySelector('#inspector-rows');
  const inspectorWhere = main.querySelector('#inspector-where');
  const stepField = main.querySelector('[data-step-field]');
  const allLanes = [...BASE_LANES, ...VMX_LANES];
  let row = stepFromQuery(location.search, total, Number(main.dataset.step));

  const sides = sideEls.map((sideEl) => {
    const key = sideEl.dataset.side;
    const sideTotal = Number(sideEl.dataset.total);
    const cache = createStepCache({ fetchPage: pageFetcher(sideEl.dataset.run) });
    const list = main.querySelector(`.compare-events .events[data-side="${key}"]`);
    const marks = differenceRows.map((r) => rowAt(spans, r)[key]).filter((s) => s !== null).sort((x, y) => x - y);
    const requested = new Set();
    const state = {
      current: rowAt(spans, row).near[key] ?? 0,
      lanes: BASE_LANES, runs: null, encoded: 0, ended: false, playing: false, zoomed: false, hoverStep: -1,
      markers: list ? markersFromLinks(list.querySelectorAll('a[data-step-link]')) : [],
      colors: readColors(main),
      view: initialView(sideTotal, sideEl.querySelector('canvas.lanes').clientWidth || 800),
      marks, markKind: 'search',
      divergence: differenceRows.length ? rowAt(spans, differenceRows[0])[key] : null,
      tracks: {
        frames: createFrameMirror(),
        flows: [],
        stepAt(i) {
          const step = cache.get(i);
          const page = Math.floor(i / cache.pageSize);
          if (!step && i < state.encoded && !requested.has(page)) {
            requested.add(page);
            cache.ensure(i).then(() => timeline.scheduleRender(), () => {}).finally(() => requested.delete(page));
          }
          return step;
        },
      },
    };
    state.view = follow(state.view, state.current);
    // a click on this run's timeline moves to the row of that step of this run
    const timeline = mountTimeline(sideEl, state, sideTotal, (step, how) => goTo(rowOf(spans, key, step) ?? row, how));
    return {
      key, el: sideEl, state, cache, timeline, total: sideTotal,
      stepLine: sideEl.querySelector('.step-line'), status: sideEl.querySelector('.stream-status'),
    };
  });

  // ---- the current row, on both sides

  function stepOf(side, at) {
    const index = at[side.key];
    if (index === null) return { missing: true, index: at.near[side.key] };
    return { missing: false, index, step: side.cache.get(index) };
  }

  function showStep() {
    const at = rowAt(spans, row);
    stepInput.value = String(row);
    if (stepField) stepField.value = String(row);
    rowSteps.textContent = `A step ${at.a ?? '—'}, B step ${at.b ?? '—'}` + (at.host ? ' (host work)' : '');
    const shown = sides.map((side) => {
      const s = stepOf(side, at);
      if (s.missing) {
        side.stepLine.textContent = at.host ? '· no step here: the other run is in its host' : '· no step here';
      } else if (!s.step) {
        side.stepLine.textContent = `· step ${s.index}: loading…`;
        side.cache.ensure(s.index).then(() => { if (rowAt(spans, row)[side.key] === s.index) showStep(); }, () => {});
      } else {
        side.stepLine.textContent = `· step ${s.index} · ${s.step.label ?? s.step.rip} · ${s.step.text ?? s.step.kind}`;
      }
      return s.missing ? null : s.step ?? undefined;
    });
    if (!shown.includes(undefined)) {
      if (!document.documentElement.dataset.firstStepMs) {
        document.documentElement.dataset.firstStepMs = String(Math.round(performance.now()));
      }
      renderInspector(shown[0], shown[1]);
    }
    inspectorWhere.textContent = `step ${row}`;
    for (const a of main.querySelectorAll('a[data-row-link]')) {
      if (Number(a.dataset.row) === row) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    }
    for (const side of sides) {
      side.state.current = at.near[side.key];
      side.state.view = follow(side.state.view, side.state.current);
      side.timeline.updateReadout();
      side.timeline.scheduleRender();
    }
  }

  function renderInspector(a, b) {
    const rows = inspectorRows(a, b);
    inspectorBody.replaceChildren(...rows.map((r) => el('tr', { className: r.differs ? 'differs' : '' },
      el('th', { scope: 'row' }, r.name, r.differs ? el('span', { className: 'differs-mark', title: 'differs' }, ' ≠') : null,
        r.differs ? el('span', { className: 'visually-hidden' }, ' (differs)') : null),
      el('td', {}, r.a), el('td', {}, r.b))));
    main.dataset.inspectorRow = String(row);
  }

  const playButton = main.querySelector('#play');
  const speed = main.querySelector('#speed');
  const player = createStepPlayer({
    total,
    current: () => row,
    move(next) {
      row = next;
      showStep();
    },
    ready(target) {
      const at = rowAt(spans, target);
      return sides.every((side) => at[side.key] === null || !!side.cache.get(at[side.key]));
    },
    ensure(target) {
      const at = rowAt(spans, target);
      return Promise.all(sides.map((side) => (at[side.key] === null ? null : side.cache.ensure(at[side.key]))));
    },
    speed: () => Number(speed?.value ?? 5),
    onPlaying(playing) {
      for (const side of sides) side.state.playing = playing;
      playButton.classList.toggle('playing', playing);
      playButton.setAttribute('aria-label', playing ? 'Pause' : 'Play');
      playButton.replaceChildren(el('span', { 'aria-hidden': 'true' }, playing ? '❚❚' : '▶'),
        el('span', { className: 'btn-text' }, playing ? 'Pause' : 'Play'));
    },
  });
  const { goTo } = player;

  // ---- actions: the scenario page's, on rows, plus the differences

  const help = main.querySelector('#help');
  const rowState = {
    get current() { return row; },
    get view() { return sides[0].state.view; },
    set view(v) { sides[0].state.view = v; },
    zoomed: false, hoverStep: -1,
  };
  const jumpDifference = (direction) => {
    const target = nextRow(differenceRows, row, direction);
    if (target !== null) goTo(target, 'push');
  };
  const actions = {
    ...stepActions({ state: rowState, total, goTo, jump: () => {}, eventKind: () => 'any', render: () => sides.forEach((s) => s.timeline.scheduleRender()) }),
    play: () => player.setPlaying(!player.playing()),
    help: () => { if (help && !help.open) help.showModal(); },
    nextDifference: () => jumpDifference(+1),
    prevDifference: () => jumpDifference(-1),
    firstDifference: () => { if (differenceRows.length) goTo(differenceRows[0], 'push'); },
  };
  bindControls(main.querySelector('.controls'), actions);

  const COMPARE_KEYS = { ']': 'nextDifference', '[': 'prevDifference', g: 'firstDifference' };
  document.addEventListener('keydown', (e) => {
    if (help?.open) return;
    const tag = e.target.tagName;
    const own = COMPARE_KEYS[e.key];
    if (own && !e.ctrlKey && !e.metaKey && !e.altKey && !['INPUT', 'SELECT', 'TEXTAREA'].includes(tag)) {
      e.preventDefault();
      actions[own]();
      return;
    }
    runKeyAction(e, actions);
  });

  const shortcuts = [
    { keys: [']'], help: 'Next difference' }, { keys: ['['], help: 'Previous difference' },
    { keys: ['g'], help: 'First difference' },
    ...SHORTCUTS.filter((s) => ['next', 'prev', 'nextPage', 'prevPage', 'start', 'end', 'play', 'zoomIn', 'zoomOut', 'help', 'closeHelp'].includes(s.action)),
  ];
  main.querySelector('#shortcut-rows')?.replaceChildren(...shortcuts.map((s) => el('tr', {},
    el('th', { scope: 'row' }, ...s.keys.flatMap((k, i) => [i ? ' or ' : '', el('kbd', {}, k)])),
    el('td', {}, s.help))));

  stepInput.addEventListener('change', () => goTo(Number(stepInput.value), 'push'));

  // difference links name rows; a run's event links name that run's steps
  main.addEventListener('click', (e) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    const rowLink = e.target.closest('a[data-row-link]');
    const stepLink = e.target.closest('.events[data-side] a[data-step-link]');
    if (!rowLink && !stepLink) return;
    e.preventDefault();
    if (rowLink) goTo(Number(rowLink.dataset.row), 'push');
    else goTo(rowOf(spans, stepLink.closest('.events').dataset.side, Number(stepLink.dataset.step)) ?? row, 'push');
  });

  // ---- the streams, one per run

  for (const side of sides) {
    const { state } = side;
    openStream(side.el.dataset.run, {
      onProgress({ lanes, delta, frames, steps }) {
        if (!state.runs) {
          state.present = lanes.map((id) => allLanes.find((lane) => lane.id === id));
          state.runs = {};
        }
        state.encoded = applyDelta(state.runs, delta);
        if (frames) applyFrameDelta(state.tracks.frames, frames);
        // the lanes that ever hold a value: two runs must fit one screen
        const used = lanesInUse(state.present, state.runs);
        state.lanes = used.length ? used : state.present.slice(0, 1);
        for (const step of steps) side.cache.put(step);
        if (steps.some((s) => s.index === rowAt(spans, row)[side.key])) showStep();
        if (state.encoded < side.total) side.status.textContent = `Received ${state.encoded} of ${side.total} steps…`;
        side.timeline.updateReadout();
        side.timeline.scheduleRender();
      },
      onEnd(end) {
        state.ended = true;
        state.markers = toMarkers(end.events);
        side.status.textContent = `All ${side.total} steps received; outcome: ${end.outcome.status}.`;
        side.timeline.scheduleRender();
      },
      onProblem(message) {
        side.status.textContent = message;
      },
    });
  }

  showStep();
  main.classList.add('ready');
}
