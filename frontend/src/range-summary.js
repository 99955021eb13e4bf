/** What a Shift+drag range on the timeline holds: its steps, its events, and the lanes that changed in it. DOM-free. */
import { runsInRange } from './lanes.js';
import { markersInRange } from './timeline-layout.js';

/** Returns one sentence about steps range.from..range.to-1: "Steps 3 to 7 (5 steps): 2 events (#DB ..., IRQ ...); lanes that changed: TF, IF." */
export function rangeSummary({ range, markers = [], lanes = [], runs = null }) {
  const { from, to } = range;
  const count = to - from;
  const events = markersInRange(markers, from, to);
  const changed = runs ? lanes.filter((lane) => runsInRange(runs[lane.id] ?? [], from, to).length > 1).map((lane) => lane.label) : [];
  const head = count === 1 ? `Step ${from}` : `Steps ${from} to ${to - 1} (${count} steps)`;
  const what = events.length ? `${events.length} ${events.length === 1 ? 'event' : 'events'} (${events.map((m) => m.title).join('; ')})` : 'no events';
  return `${head}: ${what}; ${changed.length ? 'lanes that changed: ' + changed.join(', ') : 'no lane changed'}.`;
}
