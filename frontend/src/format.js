/** Formats a register value the way the trace format writes it: 0x-prefixed lower-case hex. */
export function hex(value) {
  return '0x' + BigInt(value).toString(16);
}

/** DR6 status bits by name, SDM Vol. 3B, 19.2.3. */
export const DR6_BITS = [
  ['B0', 0], ['B1', 1], ['B2', 2], ['B3', 3], ['BD', 13], ['BS', 14], ['BT', 15],
];

/** Returns bit n (0..31) of a trace-format hex string such as "0xffff4ff0", as 0 or 1. */
export function bitOf(hexString, n) {
  // runs for every lane of every step: parse the low 32 bits without BigInt, and remember
  // the last value, since the DR6 lanes ask for the same string one after another
  if (hexString !== lastHex) {
    lastHex = hexString;
    lastLow = parseInt(String(hexString).slice(-8).replace('x', '0'), 16) >>> 0;
  }
  return (lastLow >>> n) & 1;
}
let lastHex = null;
let lastLow = 0;

/** Returns the names of the DR6 status bits set in a DR6 (or pending_db) value, e.g. ["BS"]. */
export function dr6Names(hexString) {
  return DR6_BITS.filter(([, n]) => bitOf(hexString, n) === 1).map(([name]) => name);
}

/** Returns a vector list as text, "none" when empty: ["0xaa", "0xec"] -> "0xaa 0xec". */
export function vectorList(vectors) {
  return vectors && vectors.length ? vectors.join(' ') : 'none';
}
