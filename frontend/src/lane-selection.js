/**
 * The lanes a link asks for: ?lanes=tf,if,dr6 names lanes by id (tf, sti, bs, irr, ...) or
 * by group (flags, shadow, dr6, pending, apic, vmx), and the timeline shows only those, in
 * its usual order. A name that matches nothing is reported, never guessed at. DOM-free.
 */

/** Returns the names in the lanes parameter of a query string: lower case, split on commas; [] when absent. */
export function laneNames(search) {
  const raw = new URLSearchParams(search).get('lanes');
  if (!raw) return [];
  return raw.toLowerCase().split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * Returns {lanes, unknown}: the lanes named by id or group, in their own order, and the
 * names that match no lane. With no names, or none that match, every lane is shown.
 */
export function selectLanes(lanes, names) {
  if (!names.length) return { lanes, unknown: [] };
  const matches = (lane, name) => lane.id === name || lane.group === name;
  const unknown = names.filter((name) => !lanes.some((lane) => matches(lane, name)));
  const chosen = lanes.filter((lane) => names.some((name) => matches(lane, name)));
  return { lanes: chosen.length ? chosen : lanes, unknown };
}

/** Returns a sentence about names the run has no lane for, or '' when there are none. */
export function unknownLanesText(unknown, lanes) {
  if (!unknown.length) return '';
  const groups = [...new Set(lanes.map((lane) => lane.group))];
  return `This link asks for lanes this run does not have (${unknown.join(', ')}); `
    + `lanes are named by id (${lanes.map((lane) => lane.id).join(', ')}) or group (${groups.join(', ')}).`;
}
