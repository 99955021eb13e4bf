/**
 * Receives a run: the step stream (server-sent events) and pages of steps on demand.
 * Calls back with each step, the end (events, outcome), and problems in words.
 */

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
 * Starts the stream worker for a run. Handlers: onProgress({lanes, delta, steps}),
 * onEnd(end), onProblem(message, final). Returns a function that stops the worker.
 */
export function openStream(runId, { onProgress, onEnd, onProblem }) {
  const worker = new Worker(new URL('./stream-worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = (e) => {
    const message = e.data;
    if (message.type === 'progress') onProgress(message);
    else if (message.type === 'end') {
      onEnd(message.end);
      worker.terminate();
    } else if (message.type === 'problem') {
      onProblem(message.message, message.final);
      if (message.final) worker.terminate();
    }
  };
  worker.onerror = () => onProblem('The step stream could not start in this browser; steps are fetched page by page instead.', true);
  worker.postMessage({ type: 'open', runId });
  return () => worker.terminate();
}
