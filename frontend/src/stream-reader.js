/**
 * Reads a run's step stream (server-sent events), encodes the lanes and passes on deltas of
 * the runs a few times a second, with the first steps whole. Runs in the stream worker, or
 * on the page when workers are not available. Messages: {type: 'progress', lanes, delta,
 * frames (see timeline-frames.js), steps}, {type: 'end', end}, {type: 'problem', message, final}.
 */
import { lanesFor, createLaneEncoder } from './lanes.js';
import { createDeltaTracker } from './lane-sync.js';
import { createFrameTracker } from './timeline-frames.js';
import { createStepIndex } from './step-index.js';

/** Steps below this index are passed on whole: a short run never needs a page fetch. */
const FORWARD_STEPS = 4096;
const POST_EVERY_MS = 100;

/**
 * Opens the stream of a run and calls post(message) as it goes. Returns {close(), find(query)}:
 * find answers from the step index (see step-index.js) over the steps received so far.
 */
export function readStream(runId, post) {
  let encoder = null;
  let tracker = null;
  const frames = createFrameTracker();
  const index = createStepIndex();
  let forward = [];
  let timer = null;
  let posted = false;

  const progress = () => {
    clearTimeout(timer);
    timer = null;
    if (!encoder) return;
    post({ type: 'progress', lanes: encoder.lanes.map((l) => l.id), delta: tracker.takeDelta(), frames: frames.takeDelta(), steps: forward });
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
    frames.push(step);
    index.push(step);
    if (step.index < FORWARD_STEPS) forward.push(step);
    if (!posted) progress(); // the first step goes to the screen at once
    else if (timer === null) timer = setTimeout(progress, POST_EVERY_MS);
  });
  source.addEventListener('end', (e) => {
    source.close();
    progress();
    post({ type: 'end', end: JSON.parse(e.data) });
  });
  source.addEventListener('failure', (e) => {
    source.close();
    progress();
    post({ type: 'problem', message: JSON.parse(e.data).message, final: true });
  });
  source.onerror = () => {
    const final = source.readyState === EventSource.CLOSED;
    post({
      type: 'problem',
      final,
      message: final
        ? 'The step stream was closed by the server. If the page was open for a long time, reload it to run the scenario again.'
        : 'The connection dropped; reconnecting and continuing where it stopped…',
    });
  };
  return {
    close() {
      clearTimeout(timer);
      source.close();
    },
    find: (query) => index.find(query),
  };
}
