/**
 * The compare page: two runs lined up on the guest (the server's alignment, compare-rows.js) in one
 * timeline. The axis is the alignment's rows: a pair of steps both runs take is one column, a step
 * only one run takes (KVM's host work, say) is a column where the other run's lanes are a gap. The
 * lanes are interleaved per piece of state (TF A, TF B, ...; compare-lanes.js), rows where a pair
 * differs are hatched, each run has its where track, and the one cursor drives the side-by-side
 * inspector. Moving, the address bar and Play are the scenario page's (step-player.js).
 */
import { BASE_LANES, VMX_LANES } from './lanes.js';
import { applyDelta } from './lane-sync.js';
import { initialView, follow, markers as toMarkers } from './timeline-layout.js';
import { stepFromQuery, SHORTCUTS, jumpTarget } from './navigation.js';
import { createStepCache } from './step-cache.js';
import { readColors } from './timeline-canvas.js';
import { mountTimeline } from './timeline-view.js';
import { createFrameMirror, applyFrameDelta } from './timeline-frames.js';
import { pageFetcher, openStream } from './run-stream.js';
import { markersFromLinks, stepActions, bindControls, runKeyAction } from './player-input.js';
import { createStepPlayer } from './step-player.js';
import { parseSpans, rowCount, rowAt, nextRow } from './compare-rows.js';
import { SIDES, rowMapper, compareModel, markersOnRows, framesOnRows } from './compare-lanes.js';
import { inspectorRows } from './compare-inspector.js';
import { el } from './dom.js';

const main = document.querySelector('main.compare');
if (main) start(main);

function start(main) {
  const spans = parseSpans(main.dataset.spans);
  const total = rowCount(spans);
  const differenceRows = (main.dataset.differences ?? '').split(',').filter(Boolean).map(Number);
  const timelineEl = main.querySelector('.compare-timeline');
  const stepInput = main.querySelector('#step-input');
  const rowSteps = main.querySelector('#row-steps');
  const inspectorBody = main.querySelector('#inspector-rows');
  const inspectorWhere = main.querySelector('#inspector-where');
  const stepField = main.querySelector('[data-step-field]');
  const status = main.querySelector('.compare-timeline .stream-status');
  const allLanes = [...BASE_LANES, ...VMX_LANES];
  let row = stepFromQuery(location.search, total, Number(main.dataset.step));

  // ---- each run: its steps, its lanes in its own step numbers, its markers

  const sides = Object.fromEntries(SIDES.map((key) => {
    const sideEl = main.querySelector(`.compare-run[data-side="${key}"]`);
    const list = main.querySelector(`.compare-events .events[data-side="${key}"]`);
    return [key, {
      key, run: sideEl.dataset.run, total: Number(sideEl.dataset.total), label: sideEl.dataset.label,
      cache: createStepCache({ fetchPage: pageFetcher(sideEl.dataset.run) }),
      mapper: rowMapper(spans, key),
      stepLine: sideEl.querySelector('.step-line'),
      present: null, runs: null, encoded: 0, ended: false, outcome: null,
      frames: createFrameMirror(),
      markers: list ? markersFromLinks(list.querySelectorAll('a[data-step-link]')) : [],
      requested: new Set(),
    }];
  }));

  // ---- the one timeline on the alignment's rows

  const state = {
    current: row, lanes: [], runs: null, encoded: 0, ended: false, playing: false, zoomed: false, hoverStep: -1,
    markers: [], colors: readColors(main), laneHeight: 14, overviewHeight: 32,
    view: initialView(total, timelineEl.querySelector('canvas.lanes').clientWidth || 800),
    // every difference: a bar under its step number (the lanes that differ are hatched)
    marks: differenceRows, markKind: 'search', marksOutline: false,
    divergence: differenceRows.length ? differenceRows[0] : null,
    gaps: null, differing: null,
    whereTracks: SIDES.map((key) => {
      const side = sides[key];
      return {
        side: key, label: 'where ' + key.toUpperCase(), name: key.toUpperCase() + ', ' + side.label,
        frames: createFrameMirror(), gaps: [],
        stepOf: (r) => side.mapper.stepOf(r),
        stepAt(r) {
          const i = side.mapper.stepOf(r);
          return i === null ? null : stepOfSide(side, i);
        },
        gapText(r) {
          const at = rowAt(spans, r);
          const other = key === 'a' ? 'B' : 'A';
          return at.host ? `${other} is in its host here (VM exit, KVM, host action); ${key.toUpperCase()} has no such step.`
            : `Only ${other} takes a step here.`;
        },
      };
    }),
  };
  state.view = follow(state.view, row);

  function stepOfSide(side, i) {
    const step = side.cache.get(i);
    const page = Math.floor(i / side.cache.pageSize);
    if (!step && i < side.encoded && !side.requested.has(page)) {
      side.requested.add(page);
      side.cache.ensure(i).then(() => timeline.scheduleRender(), () => {}).finally(() => side.requested.delete(page));
    }
    return step;
  }

  // the lanes on rows are rebuilt from both runs' lanes as steps stream in: at once when a stream
  // ends, else at most every 250 ms (or four times as long as the last rebuild took: long runs
  // have many lane runs, and the page must keep answering)
  let rebuildTimer = null;
  let lastRebuild = { at: -Infinity, took: 0 };
  function scheduleRebuild(now = false) {
    if (now) {
      clearTimeout(rebuildTimer);
      rebuildTimer = null;
      rebuild();
      return;
    }
    if (rebuildTimer) return;
    const wait = Math.max(0, lastRebuild.at + Math.max(250, 4 * lastRebuild.took) - performance.now());
    rebuildTimer = setTimeout(() => {
      rebuildTimer = null;
      rebuild();
    }, wait);
  }

  function rebuild() {
    if (!sides.a.present || !sides.b.present) return;
    const started = performance.now();
    const model = compareModel(spans, { a: sides.a, b: sides.b });
    state.lanes = model.lanes;
    // many pairs (every DR6 bit, say) get tighter lanes, so both runs still fit one screen
    state.laneHeight = model.lanes.length > 28 ? 12 : 14;
    state.runs = model.runs;
    state.differing = model.differing;
    state.gaps = model.gaps;
    state.encoded = model.encoded;
    state.ended = sides.a.ended && sides.b.ended;
    state.markers = markersOnRows({ a: sides.a.markers, b: sides.b.markers }, { a: sides.a.mapper, b: sides.b.mapper });
    for (const track of state.whereTracks) {
      track.gaps = model.gaps[track.side];
      track.frames = framesOnRows(sides[track.side].frames, sides[track.side].mapper);
    }
    // what the timeline shows, readable from outside (tests, tools): the lanes top to bottom, the hatched rows
    timelineEl.dataset.lanes = state.lanes.map((l) => l.id).join(' ');
    timelineEl.dataset.differing = Object.entries(state.differing).filter(([, list]) => list.length)
      .map(([id, list]) => id + ':' + list.map((r) => r.start + '-' + r.end).join(',')).join(' ');
    timeline.updateReadout();
    timeline.scheduleRender();
    lastRebuild = { at: performance.now(), took: performance.now() - started };
  }

  const timeline = mountTimeline(timelineEl, state, total, (r, how) => goTo(r, how));

  // ---- the current row, on both runs

  function showStep() {
    const at = rowAt(spans, row);
    stepInput.value = String(row);
    if (stepField) stepField.value = String(row);
    rowSteps.textContent = `A step ${at.a ?? '—'}, B step ${at.b ?? '—'}` + (at.host ? ' (host work)' : '');
    const shown = SIDES.map((key) => {
      const side = sides[key];
      const index = at[key];
      if (index === null) {
        side.stepLine.textContent = at.host ? 'no step here: the other run is in its host' : 'no step here: only the other run takes one';
        return null;
      }
      const step = side.cache.get(index);
      if (!step) {
        side.stepLine.textContent = `step ${index}: loading…`;
        side.cache.ensure(index).then(() => { if (rowAt(spans, row)[key] === index) showStep(); }, () => {});
        return undefined;
      }
      side.stepLine.textContent = `step ${index} · ${step.label ?? step.rip} · ${step.text ?? step.kind}`;
      return step;
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
    state.current = row;
    state.view = follow(state.view, row);
    timelineEl.querySelector('canvas.lanes').dataset.current = String(row);
    timeline.updateReadout();
    timeline.scheduleRender();
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
      return SIDES.every((key) => at[key] === null || !!sides[key].cache.get(at[key]));
    },
    ensure(target) {
      const at = rowAt(spans, target);
      return Promise.all(SIDES.map((key) => (at[key] === null ? null : sides[key].cache.ensure(at[key]))));
    },
    speed: () => Number(speed?.value ?? 5),
    onPlaying(playing) {
      state.playing = playing;
      playButton.classList.toggle('playing', playing);
      playButton.setAttribute('aria-label', playing ? 'Pause' : 'Play');
      playButton.replaceChildren(el('span', { 'aria-hidden': 'true' }, playing ? '❚❚' : '▶'),
        el('span', { className: 'btn-text' }, playing ? 'Pause' : 'Play'));
    },
  });
  const { goTo } = player;

  // ---- actions: the scenario page's, on rows, plus the differences

  const help = main.querySelector('#help');
  const jumpDifference = (direction) => {
    const target = nextRow(differenceRows, row, direction);
    if (target !== null) goTo(target, 'push');
  };
  const actions = {
    ...stepActions({
      state, total, goTo,
      jump: (direction, kind) => {
        const target = jumpTarget(state.markers, row, direction, kind);
        if (target !== null) goTo(target, 'push');
      },
      eventKind: () => 'any',
      render: () => timeline.scheduleRender(),
    }),
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
    ...SHORTCUTS.filter((s) => ['next', 'prev', 'nextPage', 'prevPage', 'start', 'end', 'nextEvent', 'prevEvent', 'play',
      'nextDb', 'prevDb', 'nextIrq', 'prevIrq', 'zoomIn', 'zoomOut', 'panLeft', 'panRight', 'fit', 'help', 'closeHelp'].includes(s.action)),
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
    else goTo(sides[stepLink.closest('.events').dataset.side].mapper.rowOf(Number(stepLink.dataset.step)) ?? row, 'push');
  });

  // ---- the streams, one per run, into the one timeline

  // the scenario page's words ("Received i of N steps…", "All N steps received"), for both runs together
  const statusText = () => {
    const problems = SIDES.filter((key) => sides[key].problem).map((key) => `${key.toUpperCase()}: ${sides[key].problem}`);
    if (problems.length) return problems.join(' · ');
    const all = sides.a.total + sides.b.total;
    if (!sides.a.ended || !sides.b.ended) return `Received ${sides.a.encoded + sides.b.encoded} of ${all} steps…`;
    return `All ${all} steps received (A ${sides.a.total}, ${sides.a.outcome}; B ${sides.b.total}, ${sides.b.outcome}).`;
  };

  for (const key of SIDES) {
    const side = sides[key];
    openStream(side.run, {
      onProgress({ lanes, delta, frames, steps }) {
        if (!side.runs) {
          side.present = lanes.map((id) => allLanes.find((lane) => lane.id === id)).filter(Boolean);
          side.runs = {};
        }
        side.encoded = applyDelta(side.runs, delta);
        if (frames) applyFrameDelta(side.frames, frames);
        for (const step of steps) side.cache.put(step);
        scheduleRebuild();
        if (steps.some((s) => s.index === rowAt(spans, row)[key])) showStep();
        status.textContent = statusText();
      },
      onEnd(end) {
        side.ended = true;
        side.outcome = end.outcome.status;
        side.markers = toMarkers(end.events);
        scheduleRebuild(true);
        status.textContent = statusText();
        if (state.ended) timelineEl.dataset.ready = 'true';
      },
      onProblem(message) {
        side.problem = message;
        status.textContent = statusText();
      },
    });
  }

  showStep();
  main.classList.add('ready');
}
