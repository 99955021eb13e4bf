/**
 * Receives a run: the step stream (read by stream-reader.js, in a worker) and pages of
 * steps on demand.
 */
import { readStream } from './stream-reader.js';

/** Returns a fetchPage(from, count) for the step cache that reads /api/runs/{id}/steps. */
export function pageFetcher(runId) {
  return async (from, count) => {
    const response = await fetch(`/api/runs/${encodeURIComponent(runId)}/steps?from=${from}&count=${count}`);
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(body.errors?.[0]?.message ?? `The server answered ${response.status} for steps ${from}+.`);
    }
    return body.steps;
  };
}

/**
 * Starts reading a run's stream in a worker (on the page if the worker cannot start).
 * Handlers: onProgress({lanes, delta, steps}), onEnd(end), onProblem(message, final).
 */
export function openStream(runId, { onProgress, onEnd, onProblem }) {
  const dispatch = (message) => {
    if (message.type === 'progress') onProgress(message);
    else if (message.type === 'end') onEnd(message.end);
    else if (message.type === 'problem') onProblem(message.message, message.final);
  };
  let worker;
  try {
    worker = new Worker(new URL('./stream-worker.js', import.meta.url), { type: 'module' });
  } catch {
    readStream(runId, dispatch);
    return;
  }
  worker.onmessage = (e) => {
    dispatch(e.data);
    if (e.data.type === 'end' || (e.data.type === 'problem' && e.data.final)) worker.terminate();
  };
  worker.onerror = (e) => {
    // the worker script did not load (or module workers are not supported): read on the page
    e.preventDefault();
    worker.terminate();
    readStream(runId, dispatch);
  };
  worker.postMessage({ type: 'open', runId });
}
