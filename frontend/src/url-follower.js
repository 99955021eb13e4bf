/**
 * Keeps the address bar on the current step without calling the history API on every step:
 * browsers throttle pages that change their URL hundreds of times in a few seconds (held arrow
 * keys, play, scrubbing). A burst of a few steps is written at once, step by step; a longer
 * stream at most `perSecond` times a second, and the last step is always written in the end.
 * DOM-free: the clock, the timer and the write are passed in.
 */

/**
 * Returns {replace(), flush(), pushed()}: replace() asks for the URL to show currentStep(); flush()
 * writes it now (when something stops, such as play); pushed() notes a write made elsewhere.
 */
export function createUrlFollower({ currentStep, write, burst = 8, perSecond = 8, now = () => performance.now(), later = setTimeout }) {
  let tokens = burst;
  let at = now();
  let pending = false;
  const refill = () => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - at) / 1000) * perSecond);
    at = t;
  };
  const flush = () => {
    pending = false;
    refill();
    tokens = Math.max(0, tokens - 1);
    write(currentStep());
  };
  return {
    replace() {
      refill();
      if (pending) return;
      if (tokens >= 1) flush();
      else {
        pending = true;
        later(flush, ((1 - tokens) / perSecond) * 1000);
      }
    },
    flush,
    pushed() {
      refill();
      tokens = Math.max(0, tokens - 1);
    },
  };
}
