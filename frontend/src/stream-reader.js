/**
 * Reads a run's step stream (server-sent events), encodes the lanes and passes on deltas of
 * the runs a few times a second, with the first steps whole. Runs in the stream worker, or
 * on the page when workers are not available. Messages: {type: 'progress', lanes, delta,
 * frames (see timeline-frames.js), phases (a delta of the KVM_RUN phase track, timeline-phases.js), steps}, {type: 'end', end}, {type: 'problem', message, final}.
 */
import { lanesFor, createLaneEncoder } from './lanes.js';
import { createDeltaTracker } from './lane-sync.js';
import { createFrameTracker } from './timeline-frames.js';
import { createStepIndex } from './step-index.js';
import { PHASE_TRACK } from './timeline-phases.js';

/** Steps below this index are passed on whole: a short run never needs a page fetch. */
const FORWARD_STEPS = 4096;
const POST_EVERY_MS = 100;

/** Pauses before reopening a stream the browser gave up on (a 503 from a busy or restarting server). */
const REOPEN_DELAYS_MS = [1000, 2000, 4000, 8000, 15000];

/**
 * Opens the stream of a run and calls post(message) as it goes. Returns {close(), find(query)}:
 * find answers from the step index (see step-index.js) over the steps received so far.
 *
 * A broken connection is the browser's to retry: EventSource reconnects by itself and sends the
 * last step's id as Last-Event-ID, and whichever instance answers continues from the next step
 * (ids are step numbers, the same on every instance). When the browser gives up instead (the
 * answer to its reconnect was not a stream, e.g. 503 while instances restart), the stream is
 * opened again from the next step (?from=N) a few times, with growing pauses. A step already
 * received is never applied twice. Options, for tests: open(url) makes the EventSource,
 * reopenDelaysMs the pauses.
 */
export function readStream(runId, post, { open = (url) => new EventSource(url), reopenDelaysMs = REOPEN_DELAYS_MS } = {}) {
  let encoder = null;
  let tracker = null;
  const frames = createFrameTracker();
  const phaseEncoder = createLaneEncoder([PHASE_TRACK]);
  const phases = createDeltaTracker(phaseEncoder);
  const index = createStepIndex();
  let forward = [];
  let timer = null;
  let posted = false;
  let next = 0; // the first step not received yet
  let reopens = 0;
  let reopenTimer = null;
  let source = null;
  let closed = false;

  const progress = () => {
    clearTimeout(timer);
    timer = null;
    if (!encoder) return;
    post({ type: 'progress', lanes: encoder.lanes.map((l) => l.id), delta: tracker.takeDelta(), frames: frames.takeDelta(), phases: phases.takeDelta(), steps: forward });
    forward = [];
    posted = true;
  };

  const onStep = (e) => {
    const step = JSON.parse(e.data);
    if (step.index < next) return; // already here: a resumed stream starts after it, so this is only a guard
    next = step.index + 1;
    reopens = 0;
    if (!encoder) {
      encoder = createLaneEncoder(lanesFor(step));
      tracker = createDeltaTracker(encoder);
    }
    encoder.push(step);
    phaseEncoder.push(step);
    frames.push(step);
    index.push(step);
    if (step.index < FORWARD_STEPS) forward.push(step);
    if (!posted) progress(); // the first step goes to the screen at once
    else if (timer === null) timer = setTimeout(progress, POST_EVERY_MS);
  };

  const finish = () => {
    closed = true;
    source.close();
    progress();
  };

  const connect = () => {
    const base = `/api/runs/${encodeURIComponent(runId)}/stream`;
    source = open(next > 0 ? `${base}?from=${next}` : base);
    source.addEventListener('step', onStep);
    source.addEventListener('end', (e) => {
      finish();
      post({ type: 'end', end: JSON.parse(e.data) });
    });
    source.addEventListener('failure', (e) => {
      finish();
      post({ type: 'problem', message: JSON.parse(e.data).message, final: true });
    });
    source.onerror = () => {
      if (closed) return;
      const gaveUp = source.readyState === 2; // EventSource.CLOSED
      if (gaveUp && reopens < reopenDelaysMs.length) {
        source.close();
        reopenTimer = setTimeout(connect, reopenDelaysMs[reopens++]);
      } else if (gaveUp) {
        post({
          type: 'problem',
          final: true,
          message: 'The step stream was closed by the server. If the page was open for a long time, reload it to run the scenario again.',
        });
        return;
      }
      post({ type: 'problem', final: false, message: 'The connection dropped; reconnecting and continuing where it stopped…' });
    };
  };
  connect();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      clearTimeout(reopenTimer);
      source.close();
    },
    find: (query) => index.find(query),
  };
}
