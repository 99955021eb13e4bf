/**
 * The lanes a link asks for: ?lanes=tf,if,dr6 names lanes by id (tf, sti, bs, irr, ...) or
 * by group (flags, shadow, dr6, pending, apic, vmx), and the timeline shows only those, in
 * the order the link names them (a group's lanes in their usual order): the lane picker
 * reorders lanes by rewriting that list. A name that matches nothing is reported, never
 * guessed at. DOM-free.
 */

/** Returns the names in the lanes parameter of a query string: lower case, split on commas; [] when absent. */
export function laneNames(search) {
  const raw = new URLSearchParams(search).get('lanes');
  if (!raw) return [];
  return raw.toLowerCase().split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * Returns {lanes, unknown}: the lanes named by id or group, in the order of the names (each
 * lane once, where it is first named), and the names that match no lane. With no names, or
 * none that match, every lane is shown.
 */
export function selectLanes(lanes, names) {
  if (!names.length) return { lanes, unknown: [] };
  const matches = (lane, name) => lane.id === name || lane.group === name;
  const unknown = names.filter((name) => !lanes.some((lane) => matches(lane, name)));
  const chosen = [...new Set(names.flatMap((name) => lanes.filter((lane) => matches(lane, name))))];
  return { lanes: chosen.length ? chosen : lanes, unknown };
}

/** Returns every lane, those chosen first in their order, then the rest in their usual order: the lane picker's rows. */
export function pickerOrder(lanes, chosen) {
  return [...chosen, ...lanes.filter((lane) => !chosen.includes(lane))];
}

/** Returns the ids with the one named moved by delta places (-1 up, +1 down), or the same order at either end. */
export function moveLane(ids, id, delta) {
  const from = ids.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= ids.length) return ids;
  const out = ids.slice();
  out.splice(from, 1);
  out.splice(to, 0, id);
  return out;
}

/** Returns the lanes= value for the lanes shown (ids, in order), or null when they are all the run's lanes in their usual order. */
export function lanesParam(shown, all) {
  if (!shown.length) return null;
  const usual = shown.length === all.length && shown.every((id, i) => id === all[i]);
  return usual ? null : shown.join(',');
}

/** Returns a sentence about names the run has no lane for, or '' when there are none. */
export function unknownLanesText(unknown, lanes) {
  if (!unknown.length) return '';
  const groups = [...new Set(lanes.map((lane) => lane.group))];
  return `This link asks for lanes this run does not have (${unknown.join(', ')}); `
    + `lanes are named by id (${lanes.map((lane) => lane.id).join(', ')}) or group (${groups.join(', ')}).`;
}
