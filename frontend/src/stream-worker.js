/**
 * A dedicated worker that reads a run's step stream, so a million steps of JSON are parsed
 * off the page's thread. It encodes the lanes and posts deltas of the runs a few times a
 * second, with the first steps whole; the page fetches any other step it shows in pages.
 *
 * Messages to the page: {type: 'progress', lanes, delta, steps}, {type: 'end', end},
 * {type: 'problem', message, final}.
 */
import { lanesFor, createLaneEncoder } from './lanes.js';
import { createDeltaTracker } from './lane-sync.js';

/** Steps below this index are passed to the page whole: a short run never needs a page fetch. */
const FORWARD_STEPS = 4096;
const POST_EVERY_MS = 100;

self.onmessage = (e) => {
  if (e.data.type === 'open') open(e.data.runId);
};

function open(runId) {
  let encoder = null;
  let tracker = null;
  let forward = [];
  let timer = null;
  let posted = false;

  const post = () => {
    clearTimeout(timer);
    timer = null;
    if (!encoder) return;
    self.postMessage({ type: 'progress', lanes: encoder.lanes.map((l) => l.id), delta: tracker.takeDelta(), steps: forward });
    forward = [];
    posted = true;
  };

  const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/stream`);
  source.addEventListener('step', (e) => {
    const step = JSON.parse(e.data);
    if (!encoder) {
      encoder = createLaneEncoder(lanesFor(step));
      tracker = createDeltaTracker(encoder);
    }
    encoder.push(step);
    if (step.index < FORWARD_STEPS) forward.push(step);
    if (!posted) post(); // the first step goes to the screen at once
    else if (timer === null) timer = setTimeout(post, POST_EVERY_MS);
  });
  source.addEventListener('end', (e) => {
    source.close();
    post();
    self.postMessage({ type: 'end', end: JSON.parse(e.data) });
  });
  source.addEventListener('failure', (e) => {
    source.close();
    post();
    self.postMessage({ type: 'problem', message: JSON.parse(e.data).message, final: true });
  });
  source.onerror = () => {
    const final = source.readyState === EventSource.CLOSED;
    self.postMessage({
      type: 'problem',
      final,
      message: final
        ? 'The step stream was closed by the server. If the page was open for a long time, reload it to run the scenario again.'
        : 'The connection dropped; reconnecting and continuing where it stopped…',
    });
  };
}
