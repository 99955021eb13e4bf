/**
 * The scenario page: wires the stream, the step cache, the timeline, the inspector, the
 * listing, the table view, the controls, the keyboard and the address bar together. The
 * embedded view (main[data-embed]) is the same page with fewer parts: every part but the
 * timeline, the inspector and the step buttons is optional, and it never adds history.
 */
import { BASE_LANES, VMX_LANES } from './lanes.js';
import { applyDelta } from './lane-sync.js';
import { initialView, follow, markers as toMarkers } from './timeline-layout.js';
import { clampStep, jumpTarget, stepFromQuery, urlForStep, playInterval, SHORTCUTS } from './navigation.js';
import { createStepCache } from './step-cache.js';
import { renderInspector, renderInspectorMessage } from './inspector.js';
import { renderTable } from './table-view.js';
import { readColors } from './timeline-canvas.js';
import { mountTimeline } from './timeline-view.js';
import { pageFetcher, openStream } from './run-stream.js';
import { el } from './dom.js';
import { findingMarkers } from './finding-markers.js';
import { laneNames, selectLanes, unknownLanesText } from './lane-selection.js';
import { createUrlFollower } from './url-follower.js';
import { markersFromLinks, stepActions, bindControls, runKeyAction, bindStepLinks } from './player-input.js';

const main = document.querySelector('main.run');
if (main) start(main);

function start(main) {
  const $ = (selector) => main.querySelector(selector);
  const runId = main.dataset.run;
  const total = Number(main.dataset.total);
  const lanesCanvas = $('#lanes');
  const listingRows = new Map([...main.querySelectorAll('.listing-table tbody tr')].map((tr) => [tr.dataset.address, tr]));
  const eventLinks = [...main.querySelectorAll('.event-list a[data-step-link]')];
  const stepLinks = [...main.querySelectorAll('.event-list a[data-step-link], .finding-list a[data-step-link]')];
  const embedded = 'embed' in main.dataset;

  const state = {
    current: stepFromQuery(location.search, total, Number(main.dataset.step)),
    lanes: BASE_LANES,
    runs: null,
    encoded: 0,
    markers: markersFromLinks(eventLinks),
    findingMarkers: findingMarkers(findingsFromList()),
    ended: false,
    playing: false,
    zoomed: false,
    hoverStep: -1,
    shownStep: -1,
    colors: readColors(main),
    view: initialView(total, $('#lanes').clientWidth || 800),
  };
  state.view = follow(state.view, state.current);
  const cache = createStepCache({ fetchPage: pageFetcher(runId) });
  const { scheduleRender, updateReadout } = mountTimeline(main, state, total, (step, history) => goTo(step, history));

  /** The server-rendered findings panel gives the finding markers before the end event too. */
  function findingsFromList() {
    return [...main.querySelectorAll('.finding-list li[data-step]')].map((li) => ({
      step: li.dataset.step, kind: li.dataset.kind, severity: li.dataset.severity,
      message: li.querySelector('.finding-message')?.textContent.trim() ?? '',
    }));
  }

  // ---- the current step

  const inspectorBody = $('#inspector-body');
  const inspectorStep = $('#inspector-step');
  const stepInput = $('#step-input');
  const tableView = $('#table-view');
  const announce = $('#step-announce');

  function showStep() {
    const index = state.current;
    if (stepInput) stepInput.value = String(index);
    markEventLinks(index);
    if (total === 0) {
      renderInspectorMessage(inspectorBody, inspectorStep, 0, 'This run has no steps.');
      return;
    }
    const step = cache.get(index);
    if (!step) {
      renderInspectorMessage(inspectorBody, inspectorStep, index, 'Loading step ' + index + '…');
      cache.ensure(index).then((s) => {
        if (s && state.current === s.index) showStep();
      }).catch((e) => renderInspectorMessage(inspectorBody, inspectorStep, index, e.message));
      return;
    }
    if (state.shownStep === -1) {
      // time from navigation start to the first step on screen, read by tests and measurements
      document.documentElement.dataset.firstStepMs = String(Math.round(performance.now()));
    }
    state.shownStep = index;
    renderInspector(inspectorBody, inspectorStep, step);
    // screen readers hear each step the user moves to, but not every step while playing
    if (!state.playing) announce.textContent = `Step ${index}: ${step.text ?? step.kind}`;
    highlightListing(step.rip);
    if (tableView?.open) renderTable($('#step-table tbody'), $('#step-table-caption'), (i) => cache.get(i), index, total);
  }

  let highlighted = null;
  function highlightListing(rip) {
    const row = listingRows.get(rip) ?? null;
    if (row === highlighted) return;
    highlighted?.classList.remove('current');
    highlighted?.removeAttribute('aria-current');
    highlighted = row;
    if (!row) return;
    row.classList.add('current');
    row.setAttribute('aria-current', 'true');
    const box = row.closest('.listing-scroll');
    if (box && (row.offsetTop < box.scrollTop + 24 || row.offsetTop + row.offsetHeight > box.scrollTop + box.clientHeight)) {
      box.scrollTop = row.offsetTop - box.clientHeight / 3;
    }
  }

  function markEventLinks(index) {
    for (const a of stepLinks) {
      if (Number(a.dataset.step) === index) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    }
  }

  // the address follows the step; while keys repeat, playing or scrubbing, at most a few times a
  // second (browsers throttle history calls), with the last step always written
  const url = createUrlFollower({
    currentStep: () => state.current,
    write: (step) => window.history.replaceState({ step }, '', urlForStep(location.pathname, location.search, step)),
  });

  function goTo(step, how = 'replace') {
    // an embedded view must not fill the host page's history with its steps
    const history = embedded && how === 'push' ? 'replace' : how;
    const next = clampStep(step, total);
    const moved = next !== state.current;
    state.current = next;
    state.view = follow(state.view, next);
    if (history === 'push' && moved) {
      window.history.pushState({ step: next }, '', urlForStep(location.pathname, location.search, next));
      url.pushed();
    } else if (history === 'replace' || history === 'push') {
      url.replace();
    }
    showStep();
    updateReadout();
    scheduleRender();
  }

  window.addEventListener('popstate', () => goTo(stepFromQuery(location.search, total, 0), 'none'));

  // ---- playing

  const playButton = $('#play');
  const speed = $('#speed');
  let lastTick = 0;
  function setPlaying(playing) {
    state.playing = playing;
    playButton?.classList.toggle('playing', playing);
    playButton?.setAttribute('aria-label', playing ? 'Pause' : 'Play');
    playButton?.replaceChildren(el('span', { 'aria-hidden': 'true' }, playing ? '❚❚' : '▶'),
      el('span', { className: 'btn-text' }, playing ? 'Pause' : 'Play'));
    if (playing) {
      if (state.current >= total - 1) goTo(0, 'push');
      lastTick = performance.now();
      requestAnimationFrame(tick);
    } else {
      goTo(state.current, 'replace');
      url.flush();
    }
  }

  function tick(now) {
    if (!state.playing) return;
    const interval = playInterval(Number(speed?.value ?? 5));
    const due = Math.floor((now - lastTick) / interval);
    if (due > 0) {
      const target = Math.min(total - 1, state.current + due);
      if (cache.get(target)) {
        lastTick += due * interval;
        goTo(target, 'replace');
      } else {
        lastTick = now; // wait for the page to arrive rather than skipping steps
        cache.ensure(target).catch(() => setPlaying(false));
      }
      if (state.current >= total - 1) setPlaying(false);
    }
    if (state.playing) requestAnimationFrame(tick);
  }

  // ---- actions, from buttons and keys

  const jumpKind = $('#jump-kind');
  const help = $('#help');
  const jump = (direction, kind) => {
    const target = jumpTarget(state.markers, state.current, direction, kind);
    if (target === null) {
      const what = kind === 'any' ? 'event' : jumpKind?.querySelector(`option[value="${kind}"]`)?.textContent ?? kind;
      setStatus(`No ${what} ${direction > 0 ? 'after' : 'before'} step ${state.current}.`);
    } else {
      goTo(target, 'push');
    }
  };
  const actions = {
    ...stepActions({ state, total, goTo, jump, eventKind: () => jumpKind?.value ?? 'any', render: scheduleRender }),
    play: () => setPlaying(!state.playing),
    help: () => { if (help && !help.open) help.showModal(); },
  };

  bindControls(main.querySelector('.controls'), actions);

  document.addEventListener('keydown', (e) => {
    if (!help?.open) runKeyAction(e, actions);
  });

  stepInput?.addEventListener('change', () => goTo(Number(stepInput.value), 'push'));

  bindStepLinks(main, (step) => {
    goTo(step, 'push');
    lanesCanvas.focus({ preventScroll: true });
  });

  tableView?.addEventListener('toggle', () => showStep());

  const rows = $('#shortcut-rows');
  rows?.replaceChildren(...SHORTCUTS.map((s) => el('tr', {},
    el('th', { scope: 'row' }, ...s.keys.flatMap((k, i) => [i ? ' or ' : '', el('kbd', {}, k)])),
    el('td', {}, s.help))));

  // ---- the stream

  const status = $('#stream-status');
  const setStatus = (text) => { status.textContent = text; };
  let lastStatusAt = 0;

  const allLanes = [...BASE_LANES, ...VMX_LANES];
  const askedLanes = laneNames(location.search);
  let laneProblem = '';
  openStream(runId, {
    onProgress({ lanes, delta, steps }) {
      if (!state.runs) {
        const present = lanes.map((id) => allLanes.find((lane) => lane.id === id));
        const chosen = selectLanes(present, askedLanes);
        state.lanes = chosen.lanes;
        laneProblem = unknownLanesText(chosen.unknown, present);
        state.runs = {};
      }
      state.encoded = applyDelta(state.runs, delta);
      for (const step of steps) cache.put(step);
      if (state.shownStep !== state.current && steps.some((s) => s.index === state.current)) showStep();
      const now = performance.now();
      if (now - lastStatusAt > 500 && state.encoded < total) {
        setStatus(`Received ${state.encoded} of ${total} steps…`);
        lastStatusAt = now;
      }
      if (state.hoverStep < 0) updateReadout();
      scheduleRender();
    },
    onEnd(end) {
      state.ended = true;
      state.markers = toMarkers(end.events);
      if (end.findings) state.findingMarkers = findingMarkers(end.findings);
      setStatus(`All ${total} steps received. ${end.events.length} ${end.events.length === 1 ? 'event' : 'events'}; outcome: ${end.outcome.status}.`
        + (laneProblem ? ' ' + laneProblem : ''));
      updateReadout();
      scheduleRender();
    },
    onProblem(message) {
      setStatus(message);
    },
  });

  showStep();
  updateReadout();
  scheduleRender();
  main.classList.add('ready');
}
