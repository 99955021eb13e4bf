/**
 * Moving through a run, shared by the scenario page and the compare page: goTo with the address
 * bar following the step (pushed for jumps, replaced and rate-limited while keys repeat or play
 * runs), the back button, and Play. Each page passes how to show a step (move) and whether a step
 * is at hand (ready / ensure) for Play, which waits for it rather than skipping steps.
 */
import { clampStep, stepFromQuery, urlForStep, playInterval } from './navigation.js';
import { createUrlFollower } from './url-follower.js';

/**
 * Returns {goTo(step, how), setPlaying(on), playing(), url}. how is 'push' (a jump: a history
 * entry), 'replace' (the default) or 'none' (from the back button). embedded: never push (an
 * iframe must not fill its host page's history). viewInUrl() gives the visible range to keep in
 * the address, or null.
 */
export function createStepPlayer({
  total, current, move, ready = () => true, ensure = () => Promise.resolve(), speed = () => 5,
  onPlaying = () => {}, viewInUrl = () => null, embedded = false,
}) {
  const url = createUrlFollower({
    currentStep: current,
    write: (step) => window.history.replaceState({ step }, '', urlForStep(location.pathname, location.search, step, viewInUrl())),
  });
  let playing = false;
  let lastTick = 0;

  function goTo(step, how = 'replace') {
    const history = embedded && how === 'push' ? 'replace' : how;
    const next = clampStep(step, total);
    const moved = next !== current();
    move(next);
    if (history === 'push' && moved) {
      window.history.pushState({ step: next }, '', urlForStep(location.pathname, location.search, next, viewInUrl()));
      url.pushed();
    } else if (history === 'replace' || history === 'push') {
      url.replace();
    }
  }

  function setPlaying(on) {
    playing = on;
    onPlaying(on);
    if (on) {
      if (current() >= total - 1) goTo(0, 'push');
      lastTick = performance.now();
      requestAnimationFrame(tick);
    } else {
      goTo(current(), 'replace');
      url.flush();
    }
  }

  function tick(now) {
    if (!playing) return;
    const interval = playInterval(speed());
    const due = Math.floor((now - lastTick) / interval);
    if (due > 0) {
      const target = Math.min(total - 1, current() + due);
      if (ready(target)) {
        lastTick += due * interval;
        goTo(target, 'replace');
      } else {
        lastTick = now; // wait for the page to arrive rather than skipping steps
        ensure(target).catch(() => setPlaying(false));
      }
      if (current() >= total - 1) setPlaying(false);
    }
    if (playing) requestAnimationFrame(tick);
  }

  window.addEventListener('popstate', () => goTo(stepFromQuery(location.search, total, 0), 'none'));

  return { goTo, setPlaying, playing: () => playing, url };
}
