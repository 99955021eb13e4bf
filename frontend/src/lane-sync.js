/**
 * Copies lane runs from the stream worker to the page in small deltas. The worker keeps
 * the encoder; the page keeps a mirror. Each delta resends the last run already sent,
 * since a run grows until the lane's value changes. DOM-free.
 */

/** Returns a tracker over an encoder's runs: takeDelta() returns what changed since the last call. */
export function createDeltaTracker(encoder) {
  const sent = Object.fromEntries(encoder.lanes.map((lane) => [lane.id, 0]));
  return {
    takeDelta() {
      const delta = { encoded: encoder.length, lanes: {} };
      for (const lane of encoder.lanes) {
        const runs = encoder.runs[lane.id];
        const from = Math.max(0, sent[lane.id] - 1);
        delta.lanes[lane.id] = { from, runs: runs.slice(from).map((r) => ({ ...r })) };
        sent[lane.id] = runs.length;
      }
      return delta;
    },
  };
}

/** Applies a delta to a mirror ({laneId: runs[]}) and returns the number of steps now encoded. */
export function applyDelta(mirror, delta) {
  for (const [id, { from, runs }] of Object.entries(delta.lanes)) {
    const list = mirror[id] ?? (mirror[id] = []);
    list.length = Math.min(list.length, from);
    for (const r of runs) list.push(r);
  }
  return delta.encoded;
}
