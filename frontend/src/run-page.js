/**
 * The scenario page: wires the stream, the step cache, the timeline, the inspector, the
 * listing, the table view, the controls, the keyboard and the address bar together. The
 * embedded view (main[data-embed]) is the same page with fewer parts: every part but the
 * timeline, the inspector and the step buttons is optional, and it never adds history.
 */
import { BASE_LANES, VMX_LANES, lanesInUse } from './lanes.js';
import { applyDelta } from './lane-sync.js';
import { initialView, follow, markers as toMarkers, visibleRange, resize, userspaceExits } from './timeline-layout.js';
import { jumpTarget, stepFromQuery, SHORTCUTS, rangeFromQuery } from './navigation.js';
import { createFrameMirror, applyFrameDelta, frameAt } from './timeline-frames.js';
import { stackWords } from './stack-frame.js';
import { flowPairs } from './timeline-flows.js';
import { parseQuery, matchQuery, nextMatch } from './timeline-search.js';
import { rangeSummary } from './range-summary.js';
import { renderLegend } from './timeline-legend.js';
import { createStepCache } from './step-cache.js';
import { renderInspector, renderInspectorMessage } from './inspector.js';
import { renderTable } from './table-view.js';
import { readColors } from './timeline-canvas.js';
import { mountTimeline } from './timeline-view.js';
import { pageFetcher, openStream } from './run-stream.js';
import { el } from './dom.js';
import { findingMarkers } from './finding-markers.js';
import { laneNames, selectLanes, unknownLanesText, pickerOrder, moveLane, lanesParam } from './lane-selection.js';
import { createStepPlayer } from './step-player.js';
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
  const labelsByAddress = new Map();

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
    marks: [],
    markKind: 'listing',
    range: null,
    tracks: null,
    phaseTrack: {},
    phases: null,
    exits: [],
  };
  state.exits = state.markers.filter((m) => m.type === 'exit_to_host').map((m) => m.step);
  state.view = follow(state.view, state.current);
  const askedRange = rangeFromQuery(location.search, total);
  if (askedRange) {
    // a link that keeps a zoomed view: the same steps across this screen's width
    const span = askedRange.to - askedRange.from;
    state.view = resize(state.view, { columnWidth: Math.max(1, Math.floor((state.view.width - state.view.labelWidth) / span)), first: askedRange.from });
    state.zoomed = true;
  }
  const cache = createStepCache({ fetchPage: pageFetcher(runId) });
  const requested = new Set();
  state.tracks = {
    frames: createFrameMirror(),
    flows: [],
    // the where track reads the steps it shows; a page not held yet is fetched once, then drawn
    stepAt(i) {
      const step = cache.get(i);
      const page = Math.floor(i / cache.pageSize);
      // at most two pages in flight, so a scrub across a million steps does not queue a fetch per position
      if (!step && i < state.encoded && !requested.has(page) && requested.size < 2) {
        requested.add(page);
        cache.ensure(i).then(() => scheduleRender(), () => {}).finally(() => requested.delete(page));
      }
      return step;
    },
  };
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
  const whatIfStep = $('#what-if-step');
  // "What if...": the vector only for an IRQ, the value only for a debug register
  const whatIfChoice = $('#what-if-choice');
  const showWhatIfFields = () => {
    const what = whatIfChoice.value;
    for (const [id, shown] of [['vector', what === 'irq'], ['value', what.startsWith('dr:')]]) {
      for (const node of document.querySelectorAll(`#what-if-${id}, label[for="what-if-${id}"]`)) node.hidden = !shown;
    }
  };
  if (whatIfChoice) {
    whatIfChoice.addEventListener('change', showWhatIfFields);
    showWhatIfFields();
  }
  const tableView = $('#table-view');
  const announce = $('#step-announce');

  let inspectorFetch = null;
  function showStep() {
    const index = state.current;
    if (stepInput) stepInput.value = String(index);
    if (whatIfStep) whatIfStep.value = String(index); // "What if..." forks at the step on screen
    markEventLinks(index);
    if (total === 0) {
      renderInspectorMessage(inspectorBody, inspectorStep, 0, 'This run has no steps.');
      return;
    }
    const step = cache.get(index);
    if (!step) {
      renderInspectorMessage(inspectorBody, inspectorStep, index, 'Loading step ' + index + '…');
      // one page at a time: while scrubbing, the steps passed over meanwhile are never fetched;
      // when this page arrives, the step the user is at by then is shown (or fetched next)
      if (inspectorFetch) return;
      inspectorFetch = cache.ensure(index).then(() => {
        inspectorFetch = null;
        if (state.shownStep !== state.current) showStep();
      }, (e) => {
        inspectorFetch = null;
        if (state.current === index) renderInspectorMessage(inspectorBody, inspectorStep, index, e.message);
        else showStep();
      });
      return;
    }
    if (state.shownStep === -1) {
      // time from navigation start to the first step on screen, read by tests and measurements
      document.documentElement.dataset.firstStepMs = String(Math.round(performance.now()));
    }
    state.shownStep = index;
    renderInspector(inspectorBody, inspectorStep, step, stackAt(step));
    // screen readers hear each step the user moves to, but not every step while playing
    if (!state.playing) announce.textContent = `Step ${index}: ${step.text ?? step.kind}`;
    highlightListing(step.rip);
    if (tableView?.open) renderTable($('#step-table tbody'), $('#step-table-caption'), (i) => cache.get(i), index, total);
  }

  /** The words around RSP after a step, from the writes of its frame's steps (or of the last 64 steps outside a handler). */
  function stackAt(step) {
    const rsp = step.state.regs?.rsp;
    if (!rsp) return null;
    let frame = frameAt(state.tracks.frames, step.index);
    if (frame?.kind === 'host') frame = null;
    const from = frame ? frame.start : Math.max(0, step.index - 64);
    const steps = [];
    for (let i = from; i <= step.index; i++) {
      const s = cache.get(i);
      if (s) steps.push(s);
    }
    const delivery = frame ? cache.get(frame.start) ?? null : null;
    return { words: stackWords({ steps, rsp, delivery, count: 8 }), nameOf: (address) => labelsByAddress.get(address) ?? null };
  }

  let highlighted = null;
  let currentRip = null;
  function highlightListing(rip) {
    currentRip = rip;
    const row = listingRows.get(rip) ?? null;
    if (row === highlighted) return;
    highlighted?.classList.remove('current');
    highlighted?.removeAttribute('aria-current');
    highlighted = row;
    if (!row) return;
    row.classList.add('current');
    row.setAttribute('aria-current', 'true');
    // scroll the listing to the row only when it is out of sight, known without reading the layout: reading
    // offsetTop after the inspector changed forces a layout on every step of a held arrow key
    if (listingBox && rowTops.has(row) && !visibleRows.has(row)) listingBox.scrollTop = rowTops.get(row) - listingBox.clientHeight / 3;
  }
  const listingBox = main.querySelector('.listing-scroll');
  const visibleRows = new Set();
  const rowTops = new Map();
  if (listingBox && 'IntersectionObserver' in window) {
    const seen = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        rowTops.set(entry.target, entry.target.offsetTop);
        if (entry.intersectionRatio > 0.9) visibleRows.add(entry.target);
        else visibleRows.delete(entry.target);
      }
    }, { root: listingBox, threshold: [0, 0.9, 1] });
    for (const tr of listingRows.values()) seen.observe(tr);
  }

  function markEventLinks(index) {
    for (const a of stepLinks) {
      if (Number(a.dataset.step) === index) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    }
  }

  // moving, the address bar and Play: the code the compare page shares (step-player.js)
  const viewInUrl = () => (state.zoomed ? visibleRange(state.view) : null);
  const playButton = $('#play');
  const speed = $('#speed');
  const player = createStepPlayer({
    total, embedded, viewInUrl,
    current: () => state.current,
    move(next) {
      state.current = next;
      state.view = follow(state.view, next);
      showStep();
      updateReadout();
      scheduleRender();
    },
    ready: (target) => !!cache.get(target),
    ensure: (target) => cache.ensure(target),
    speed: () => Number(speed?.value ?? 5),
    onPlaying(playing) {
      state.playing = playing;
      playButton?.classList.toggle('playing', playing);
      playButton?.setAttribute('aria-label', playing ? 'Pause' : 'Play');
      playButton?.replaceChildren(el('span', { 'aria-hidden': 'true' }, playing ? '❚❚' : '▶'),
        el('span', { className: 'btn-text' }, playing ? 'Pause' : 'Play'));
    },
  });
  const { goTo, setPlaying, url } = player;
  state.onView = () => url.replace();

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
    ...stepActions({ state, total, goTo, jump, eventKind: () => jumpKind?.value ?? 'any', render: () => { scheduleRender(); url.replace(); } }),
    play: () => setPlaying(!state.playing),
    help: () => { if (help && !help.open) help.showModal(); },
    nextExecution: () => jumpExecution(+1),
    prevExecution: () => jumpExecution(-1),
    search: () => searchInput?.focus(),
  };

  // ---- listing <-> timeline: a listing line marks every execution of its instruction

  async function markExecutions(address) {
    const found = await stream.find({ address });
    state.marks = found.steps;
    state.markKind = 'listing';
    for (const tr of listingRows.values()) tr.classList.toggle('marked', tr.dataset.address === address);
    setStatus(`${found.count} ${found.count === 1 ? 'execution' : 'executions'} of the instruction at ${address} marked; x and Shift+X move between them.`);
    scheduleRender();
    return found;
  }
  async function jumpExecution(direction) {
    if (!currentRip) return;
    const found = state.markKind === 'listing' && state.marks.length ? { steps: state.marks } : await markExecutions(currentRip);
    const target = nextMatch(found.steps, state.current, direction);
    if (target !== null) goTo(target, 'push');
  }
  main.querySelector('.listing-table tbody')?.addEventListener('click', (e) => {
    const tr = e.target.closest('tr[data-address]');
    if (tr) markExecutions(tr.dataset.address);
  });

  // ---- search in the trace

  const searchForm = $('#trace-search');
  const searchInput = $('#trace-query');
  const searchStatus = $('#search-status');
  const symbols = {};
  for (const tr of listingRows.values()) {
    for (const label of tr.querySelectorAll('.label')) {
      const name = label.textContent.replace(/:$/, '');
      symbols[name] ??= tr.dataset.address;
      if (!labelsByAddress.has(tr.dataset.address)) labelsByAddress.set(tr.dataset.address, name);
    }
  }
  let lastQuery = null;
  let events = [];
  searchForm?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = searchInput.value;
    if (text !== lastQuery) {
      lastQuery = text;
      const result = await matchQuery(parseQuery(text, allLanes), { runs: state.runs, events, symbols, total, find: stream.find, phases: state.phases });
      if (result.error) {
        searchInput.setAttribute('aria-invalid', 'true');
        searchStatus.textContent = `Column ${result.at}: ${result.error}`;
        state.marks = [];
        lastQuery = null;
        scheduleRender();
        return;
      }
      searchInput.removeAttribute('aria-invalid');
      state.marks = result.steps;
      state.markKind = 'search';
      for (const tr of listingRows.values()) tr.classList.remove('marked');
      searchStatus.textContent = result.count === 0 ? 'No step matches.'
        : `${result.count} ${result.count === 1 ? 'step matches' : 'steps match'}` + (state.ended ? '' : ' so far') + '; Enter goes to the next.';
      scheduleRender();
    }
    const target = nextMatch(state.marks, state.current, 1);
    if (target !== null) goTo(target, 'push');
  });
  searchInput?.addEventListener('input', () => { lastQuery = null; });

  // ---- a Shift+drag range: what happened in it

  const rangeBox = $('#range-summary');
  state.onRange = (range) => {
    if (!rangeBox) return;
    rangeBox.hidden = !range;
    if (range) rangeBox.textContent = rangeSummary({ range, markers: state.markers, lanes: state.chosen ?? state.lanes, runs: state.runs });
  };

  // ---- lanes: the empty ones folded away until asked for

  const lanesToggle = $('#lanes-toggle');
  let showAllLanes = false;
  function chooseLanes() {
    if (!state.present) return;
    // a lane once on stays in use, so while folded only the lanes not shown yet are looked at again
    const folded = state.lanes.length < state.chosen.length;
    const shown = askedLanes.length || showAllLanes ? state.chosen
      : folded ? state.chosen.filter((lane) => state.lanes.includes(lane) || lanesInUse([lane], state.runs).length)
        : lanesInUse(state.chosen, state.runs);
    const next = shown.length ? shown : state.chosen.slice(0, 1);
    if (next.length !== state.lanes.length || next.some((lane, i) => lane !== state.lanes[i])) {
      state.lanes = next;
      syncLaneChoices();
    }
    if (lanesToggle) {
      // called on every batch of streamed steps: touch the DOM only when the words change
      const hidden = state.chosen.length - state.lanes.length;
      const hide = askedLanes.length > 0 || (hidden === 0 && !showAllLanes);
      const text = showAllLanes ? 'Hide empty lanes' : `Show all ${state.chosen.length} lanes (${hidden} empty)`;
      if (lanesToggle.hidden !== hide) lanesToggle.hidden = hide;
      if (lanesToggle.textContent !== text) {
        lanesToggle.textContent = text;
        lanesToggle.setAttribute('aria-pressed', String(showAllLanes));
      }
    }
  }
  // the lane picker: a box per lane of this run and buttons to move it up or down; what is
  // ticked, in the picker's order, goes to the address as lanes=
  const laneChoices = $('#lane-choices');
  function renderLaneChoices() {
    if (!laneChoices || !state.present) return;
    const shown = new Set(state.lanes.map((lane) => lane.id));
    const move = (lane, delta, word, arrow) => el('button', {
      type: 'button', className: 'lane-move', 'data-lane': lane.id, 'data-move': String(delta), 'aria-label': `Move ${lane.label} ${word}`, title: `Move ${word}`,
    }, arrow);
    laneChoices.replaceChildren(laneChoices.querySelector('legend'), ...pickerOrder(state.present, state.chosen).map((lane) => {
      const box = el('input', { type: 'checkbox', value: lane.id, id: 'lane-' + lane.id });
      box.checked = shown.has(lane.id);
      return el('div', { className: 'lane-choice', 'data-lane': lane.id },
        el('label', { for: 'lane-' + lane.id, title: lane.title }, box, ' ' + lane.label),
        move(lane, -1, 'up', '↑'), move(lane, +1, 'down', '↓'));
    }));
    syncLaneChoices();
  }
  /** Ticks the boxes of the lanes shown; only a shown lane can move, and not past the first or last shown. */
  function syncLaneChoices() {
    if (!laneChoices) return;
    const shown = state.lanes.map((lane) => lane.id);
    for (const row of laneChoices.querySelectorAll('.lane-choice')) {
      const at = shown.indexOf(row.dataset.lane);
      row.querySelector('input').checked = at >= 0;
      for (const button of row.querySelectorAll('button')) {
        button.disabled = at < 0 || (button.dataset.move === '-1' ? at === 0 : at === shown.length - 1);
      }
    }
  }
  /** Shows the lanes ids, in that order, and writes them to the address (nothing when they are all, as usual). */
  function showLanes(ids) {
    const param = lanesParam(ids, state.present.map((lane) => lane.id));
    askedLanes.splice(0, askedLanes.length, ...(param ? ids : []));
    state.chosen = selectLanes(state.present, askedLanes).lanes;
    const params = new URLSearchParams(location.search);
    if (param) params.set('lanes', param);
    else params.delete('lanes');
    // commas stay commas: the address reads lanes=tf,if,irr as a link would be typed
    window.history.replaceState(history.state, '', location.pathname + '?' + params.toString().replace(/%2C/gi, ','));
    chooseLanes();
    scheduleRender();
  }
  laneChoices?.addEventListener('change', () => {
    showLanes([...laneChoices.querySelectorAll('input:checked')].map((box) => box.value));
    syncLaneChoices();
  });
  laneChoices?.addEventListener('click', (e) => {
    const button = e.target.closest('button.lane-move');
    if (!button || button.disabled) return;
    const { lane, move } = button.dataset;
    showLanes(moveLane(state.lanes.map((l) => l.id), lane, Number(move)));
    renderLaneChoices();
    // keep the keyboard where it was: on the same button of the moved lane, or its other one at an end
    const row = laneChoices.querySelector(`.lane-choice[data-lane="${CSS.escape(lane)}"]`);
    const same = row?.querySelector(`button[data-move="${move}"]`);
    (same && !same.disabled ? same : row?.querySelector('button:not([disabled])') ?? row?.querySelector('input'))?.focus();
  });
  lanesToggle?.addEventListener('click', () => {
    showAllLanes = !showAllLanes;
    chooseLanes();
    scheduleRender();
  });
  renderLegend($('#legend'));

  bindControls(main.querySelector('.controls'), actions);
  const tools = main.querySelector('.timeline-tools');
  if (tools) bindControls(tools, actions);

  document.addEventListener('keydown', (e) => {
    if (!help?.open) runKeyAction(e, actions);
  });

  stepInput?.addEventListener('change', () => goTo(Number(stepInput.value), 'push'));
  // wide enough for the run's last step number, so 100009 never shows as "10000("
  if (stepInput) stepInput.style.width = String(Math.max(1, total - 1)).length + 3.5 + 'ch';

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
  const stream = openStream(runId, {
    onProgress({ lanes, delta, frames, phases, steps }) {
      if (!state.runs) {
        const present = lanes.map((id) => allLanes.find((lane) => lane.id === id));
        const chosen = selectLanes(present, askedLanes);
        state.present = present;
        state.chosen = chosen.lanes;
        state.lanes = chosen.lanes;
        laneProblem = unknownLanesText(chosen.unknown, present);
        state.runs = {};
      }
      const before = state.encoded;
      state.encoded = applyDelta(state.runs, delta);
      if (frames) applyFrameDelta(state.tracks.frames, frames);
      if (phases) {
        applyDelta(state.phaseTrack, phases);
        state.phases = state.phaseTrack.phase;
      }
      if (!laneChoices?.childElementCount || laneChoices.childElementCount === 1) renderLaneChoices();
      // a step shown from a fetched page before the stream reached it: now its frame is known
      const reached = before <= state.current && state.current < state.encoded && state.shownStep === state.current;
      chooseLanes();
      for (const step of steps) cache.put(step);
      if (reached || (state.shownStep !== state.current && steps.some((s) => s.index === state.current))) showStep();
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
      events = end.events;
      state.markers = toMarkers(end.events);
      state.exits = userspaceExits(end.events);
      if (end.findings) state.findingMarkers = findingMarkers(end.findings);
      const { byDepth, open } = state.tracks.frames;
      const hostFrames = [...byDepth.flat(), ...open].filter((f) => f.kind === 'host');
      state.tracks.flows = flowPairs({ events: end.events, runs: state.runs, hostFrames });
      // counted from what was applied, so a stream resumed on another instance says whether it has every step
      const received = state.encoded !== total ? `${state.encoded} of ${total} steps received; reload the page to get them all.`
        : total === 1 ? 'The one step received.' : `All ${total} steps received.`;
      setStatus(`${received} ${end.events.length} ${end.events.length === 1 ? 'event' : 'events'}; outcome: ${end.outcome.status}.`
        + (laneProblem ? ' ' + laneProblem : ''));
      updateReadout();
      scheduleRender();
    },
    onProblem(message) {
      setStatus(message);
    },
  });

  // on a phone the head folds to one line, so the timeline is on the first screen
  const about = $('details.about');
  // a lesson keeps its narrative and questions open on a phone: they are what the page is for
  if (about && !('keepOpen' in about.dataset) && matchMedia('(max-width: 52rem)').matches) about.open = false;

  showStep();
  updateReadout();
  scheduleRender();
  main.classList.add('ready');
}
