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

/** Opens the stream; handlers: onStep(step), onEnd(end), onProblem(message, final). Returns a close function. */
export function openStream(runId, { onStep, onEnd, onProblem }) {
  const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/stream`);
  source.addEventListener('step', (e) => onStep(JSON.parse(e.data)));
  source.addEventListener('end', (e) => {
    source.close();
    onEnd(JSON.parse(e.data));
  });
  source.addEventListener('failure', (e) => {
    source.close();
    onProblem(JSON.parse(e.data).message, true);
  });
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) {
      onProblem('The step stream was closed by the server. If the page was open for a long time, reload it to run the scenario again.', true);
    } else {
      onProblem('The connection dropped; reconnecting and continuing where it stopped…', false);
    }
  };
  return () => source.close();
}
