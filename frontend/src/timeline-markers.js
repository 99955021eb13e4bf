/**
 * Where the event and finding markers go in the marker row so that no two ever overlap: each
 * wants the centre of its step's column; markers of one step sit side by side when the column
 * has room; a marker that would touch its left neighbour joins it in one group, drawn as a pill
 * with the members' letters (or their count). DOM-free: the painter draws what placeMarkers returns.
 */
import { shortForms } from './timeline-frames.js';

/** Returns the marker radius for a column width: letters need 6 px; narrow columns still get a readable 5. */
export function radiusFor(columnWidth) {
  return Math.max(5, Math.min(7, columnWidth / 2 - 1));
}

/** Returns a group's label: its members' letters when there are at most three, else how many there are. */
export function groupLabel(members) {
  return members.length <= 3 ? members.map((m) => m.letter).join('') : String(members.length);
}

/**
 * Returns the placed markers, left to right: {cx, w, r, members}. list is the markers sorted by
 * step (events before findings at one step); centerOf(step) is the x of the step's column centre;
 * letterWidth the width of one letter in a pill. A single member is drawn as its shape (w = 2r);
 * a group as a pill w wide. Any two placed markers are at least gap px apart.
 */
export function placeMarkers(list, centerOf, columnWidth, { letterWidth = 7, gap = 2 } = {}) {
  const r = radiusFor(columnWidth);
  const out = [];
  const widthOf = (members) => (members.length === 1 ? 2 * r : Math.max(2 * r, groupLabel(members).length * letterWidth + 8));
  const right = (p) => p.cx + p.w / 2;
  for (const m of list) {
    const center = centerOf(m.step);
    const prev = out[out.length - 1];
    // a second marker of the same step beside the first, when the column has room for both
    const beside = prev && prev.members.length === 1 && prev.members[0].step === m.step
      ? { cx: right(prev) + gap + r, columnRight: center + columnWidth / 2 } : null;
    if (beside && beside.cx + r <= beside.columnRight) {
      out.push({ cx: beside.cx, w: 2 * r, r, members: [m] });
      continue;
    }
    if (prev && center - r < right(prev) + gap) {
      prev.members.push(m);
      prev.w = widthOf(prev.members);
      // a grown pill may now touch the one before it: fold them together too
      while (out.length > 1 && out[out.length - 1].cx - out[out.length - 1].w / 2 < right(out[out.length - 2]) + gap) {
        const last = out.pop();
        const before = out[out.length - 1];
        before.members.push(...last.members);
        before.w = widthOf(before.members);
      }
      continue;
    }
    out.push({ cx: center, w: 2 * r, r, members: [m] });
  }
  return out;
}

/** Returns event and finding markers as one list sorted by step, events first at each step. */
export function mergeByStep(events, findings) {
  return [...events, ...findings].sort((a, b) => a.step - b.step || (a.type === 'finding') - (b.type === 'finding'));
}

/**
 * Returns where each event lands (or, for an exit to userspace, which exit), written by its
 * markers so the story reads without hovering: [{x, text, row, step}] for the placed markers (see
 * placeMarkers), one label per step whose events share a place; none when no form fits. Row 0 is
 * the marker row: the label goes after the step's last marker, before the next marker (and before
 * right). With rows: 2 a label that does not fit there whole goes to row 1, the line under the
 * markers, starting under its first marker, after the row-1 label before it, and only while
 * that start is still under its markers: so a label whose marker has a neighbour (an injected
 * #DB right before a VM exit) still shows, and none sits under another event's marker. Labels never overlap
 * each other or a marker. The forms tried, in order: the whole name in row 0, then in row 1, then
 * the short forms (fep…start, …start) in row 0, then in row 1. measure(text) returns a width in px.
 */
export function placeLabels(placed, measure, right, { gap = 3, rows = 1 } = {}) {
  const out = [];
  let row1End = -Infinity;
  for (let i = 0; i < placed.length; i++) {
    const p = placed[i];
    const next = placed[i + 1];
    const step = p.members[0].step;
    if (!p.members.every((m) => m.step === step)) continue;
    if (next && next.members.every((m) => m.step === step)) continue; // a finding beside it: label after that one
    const own = placed.filter((q) => q.members.every((m) => m.step === step));
    const places = [...new Set(own.flatMap((q) => q.members).filter((m) => m.place).map((m) => m.place))];
    if (places.length !== 1) continue;
    const [whole, ...short] = shortForms(places[0]);
    const beside = { row: 0, x: p.cx + p.w / 2 + gap, limit: Math.min(right, next ? next.cx - next.w / 2 - gap : right) };
    // under the markers a label starts under its own markers, never further right (it would read as the next one's)
    const under = { row: 1, x: Math.max(own[0].cx - own[0].w / 2, row1End + 3 * gap), limit: right };
    const slots = rows > 1 && under.x <= p.cx + p.w / 2 ? [beside, under] : [beside];
    const tries = [whole, ...short.filter((t) => t !== whole)].flatMap((text) => slots.map((slot) => ({ text, slot })));
    const fit = tries.find(({ text, slot }) => slot.x + measure(text) <= slot.limit);
    if (!fit) continue;
    out.push({ x: fit.slot.x, text: fit.text, row: fit.slot.row, step });
    if (fit.slot.row === 1) row1End = fit.slot.x + measure(fit.text);
  }
  return out;
}
