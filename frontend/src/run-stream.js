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
 * Handlers: onProgress({lanes, delta, frames, steps}), onEnd(end), onProblem(message, final).
 * Returns {find(query)}: resolves to {steps, count} from the step index (see step-index.js).
 * The worker stays after the stream ends, to answer find.
 */
export function openStream(runId, { onProgress, onEnd, onProblem }) {
  const dispatch = (message) => {
    if (message.type === 'progress') onProgress(message);
    else if (message.type === 'end') onEnd(message.end);
    else if (message.type === 'problem') onProblem(message.message, message.final);
  };
  let reader = null;
  const onPage = () => {
    reader = readStream(runId, dispatch);
  };
  const answers = new Map();
  let nextId = 1;
  const stream = {
    find(query) {
      if (reader) return Promise.resolve(reader.find(query));
      const id = nextId++;
      return new Promise((resolve) => {
        answers.set(id, resolve);
        worker.postMessage({ type: 'find', id, query });
      });
    },
  };
  let worker;
  try {
    worker = new Worker(new URL('./stream-worker.js', import.meta.url), { type: 'module' });
  } catch {
    onPage();
    return stream;
  }
  worker.onmessage = (e) => {
    if (e.data.type === 'found') {
      answers.get(e.data.id)?.(e.data.result);
      answers.delete(e.data.id);
    } else {
      dispatch(e.data);
    }
  };
  worker.onerror = (e) => {
    // the worker script did not load (or module workers are not supported): read on the page
    e.preventDefault();
    worker.terminate();
    onPage();
  };
  worker.postMessage({ type: 'open', runId });
  return stream;
}
