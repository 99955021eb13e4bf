/**
 * The compare page: two runs of one scenario on one step axis. Each side streams its run into
 * its own timeline (timeline-view.js); the current step, the scroll and the zoom are shared
 * (compare-sync.js), so the columns of both timelines stay aligned. Keys and buttons move both.
 */
import { BASE_LANES, VMX_LANES } from './lanes.js';
import { applyDelta } from './lane-sync.js';
import { initialView, follow, markers as toMarkers } from './timeline-layout.js';
import { clampStep, jumpTarget, stepFromQuery, urlForStep } from './navigation.js';
import { createStepCache } from './step-cache.js';
import { readColors } from './timeline-canvas.js';
import { mountTimeline } from './timeline-view.js';
import { pageFetcher, openStream } from './run-stream.js';
import { linkState, mergeMarkers } from './compare-sync.js';
import { createUrlFollower } from './url-follower.js';
import { markersFromLinks, stepActions, bindControls, runKeyAction, bindStepLinks } from './player-input.js';

const main = document.querySelector('main.compare');
if (main) start(main);

function start(main) {
  const total = Number(main.dataset.total);
  const divergence = main.dataset.divergence === undefined ? null : Number(main.dataset.divergence);
  const sideEls = [...main.querySelectorAll('.compare-side')];
  const eventLists = [...main.querySelectorAll('.compare-events .events')];
  const eventLinks = [...main.querySelectorAll('a[data-step-link]')];
  const stepInput = main.querySelector('#step-input');
  const allLanes = [...BASE_LANES, ...VMX_LANES];

  const width = sideEls[0].querySelector('canvas.lanes').clientWidth || 800;
  const current = stepFromQuery(location.search, total, Number(main.dataset.step));
  const shared = { current, view: follow(initialView(total, width), current), hoverStep: -1, zoomed: false };
  const sides = [];
  const repaintAll = () => sides.forEach((s) => s.timeline.scheduleRender());

  sideEls.forEach((el, i) => {
    const state = linkState(shared, {
      lanes: BASE_LANES, runs: null, encoded: 0, markers: eventLists[i] ? markersFromLinks(eventLists[i].querySelectorAll('a[data-step-link]')) : [],
      ended: false, playing: false, colors: readColors(main), divergence,
    }, repaintAll);
    const side = {
      el, state, total: Number(el.dataset.total),
      cache: createStepCache({ fetchPage: pageFetcher(el.dataset.run) }),
      stepLine: el.querySelector('.step-line'),
      status: el.querySelector('.stream-status'),
    };
    side.timeline = mountTimeline(el, state, total, (step, history) => goTo(step, history));
    sides.push(side);
  });

  // ---- the current step, on both sides

  function showStepLine(side) {
    const index = shared.current;
    if (index >= side.total) {
      side.stepLine.textContent = `This run ended after step ${side.total - 1}.`;
      return;
    }
    const step = side.cache.get(index);
    if (!step) {
      side.stepLine.textContent = `Step ${index}: loading…`;
      side.cache.ensure(index).then((s) => {
        if (s && shared.current === s.index) showStepLine(side);
      }).catch((e) => { side.stepLine.textContent = e.message; });
      return;
    }
    if (!document.documentElement.dataset.firstStepMs) {
      document.documentElement.dataset.firstStepMs = String(Math.round(performance.now()));
    }
    const where = step.label && step.label !== step.rip ? `${step.rip} <${step.label}>` : step.rip;
    side.stepLine.textContent = `Step ${index} · ${step.kind} · ${where} · ${step.text ?? ''}`;
  }

  function showStep() {
    stepInput.value = String(shared.current);
    for (const a of eventLinks) {
      if (Number(a.dataset.step) === shared.current) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    }
    for (const side of sides) {
      showStepLine(side);
      side.timeline.updateReadout();
    }
    repaintAll();
  }

  // the address follows the step, at most a few times a second while keys repeat (as on the run page)
  const url = createUrlFollower({
    currentStep: () => shared.current,
    write: (step) => window.history.replaceState({ step }, '', urlForStep(location.pathname, location.search, step)),
  });

  function goTo(step, history = 'replace') {
    const next = clampStep(step, total);
    const moved = next !== shared.current;
    shared.current = next;
    shared.view = follow(shared.view, next);
    if (history === 'push' && moved) {
      window.history.pushState({ step: next }, '', urlForStep(location.pathname, location.search, next));
      url.pushed();
    } else if (history !== 'none') {
      url.replace();
    }
    showStep();
  }

  window.addEventListener('popstate', () => goTo(stepFromQuery(location.search, total, 0), 'none'));

  // ---- actions

  const allMarkers = () => mergeMarkers(...sides.map((s) => s.state.markers));
  const jump = (direction, kind) => {
    const target = jumpTarget(allMarkers(), shared.current, direction, kind);
    if (target !== null) goTo(target, 'push');
  };
  const actions = {
    ...stepActions({ state: shared, total, goTo, jump, eventKind: () => 'any', render: repaintAll }),
    divergence: () => { if (divergence !== null) goTo(divergence, 'push'); },
  };

  bindControls(main.querySelector('.controls'), actions);

  document.addEventListener('keydown', (e) => {
    const target = e.target;
    if (e.key === 'g' && !e.ctrlKey && !e.metaKey && !e.altKey && !['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) {
      e.preventDefault();
      actions.divergence();
      return;
    }
    runKeyAction(e, actions);
  });

  stepInput.addEventListener('change', () => goTo(Number(stepInput.value), 'push'));

  bindStepLinks(main, (step) => {
    goTo(step, 'push');
    sides[0].el.querySelector('canvas.lanes').focus({ preventScroll: true });
  });

  // ---- the streams, one per side

  for (const side of sides) {
    const { state } = side;
    openStream(side.el.dataset.run, {
      onProgress({ lanes, delta, steps }) {
        if (!state.runs) {
          state.lanes = lanes.map((id) => allLanes.find((lane) => lane.id === id));
          state.runs = {};
        }
        state.encoded = applyDelta(state.runs, delta);
        for (const step of steps) side.cache.put(step);
        if (steps.some((s) => s.index === shared.current)) showStepLine(side);
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
