/** Formats a register value the way the trace format writes it: 0x-prefixed lower-case hex. */
export function hex(value) {
  return '0x' + BigInt(value).toString(16);
}
