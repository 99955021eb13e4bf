/**
 * Keeps the address bar on the current step without calling the history API on every step:
 * browsers throttle pages that replace their URL many times a second (held arrow keys, play,
 * scrubbing). The first change writes at once; later ones at most every `interval` ms, and the
 * last step is always written in the end. DOM-free: the clock, the timer and the write are passed in.
 */

/**
 * Returns {replace(), flush(), pushed()}: replace() asks for the URL to show currentStep(); flush()
 * writes it now (when something stops, such as play); pushed() notes a write made elsewhere.
 */
export function createUrlFollower({ currentStep, write, interval = 250, now = () => performance.now(), later = setTimeout }) {
  let writtenAt = -Infinity;
  let pending = false;
  const flush = () => {
    pending = false;
    writtenAt = now();
    write(currentStep());
  };
  return {
    replace() {
      const since = now() - writtenAt;
      if (since >= interval) flush();
      else if (!pending) {
        pending = true;
        later(flush, interval - since);
      }
    },
    flush,
    pushed() {
      writtenAt = now();
    },
  };
}
