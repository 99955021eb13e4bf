/**
 * The stack around RSP at a step, read from the memory writes of the trace (trace-format.md,
 * `writes`): each word's value as last written, the interrupt frame the delivery pushed named
 * slot by slot (64-bit mode: RIP, CS, RFLAGS, RSP, SS, and an error code below RIP when the
 * vector has one; SDM Vol. 3A 6.14.2), RFLAGS decoded, and the writes the handler made to the
 * frame marked with what they changed. DOM-free.
 */

/** RFLAGS bits shown by name (SDM Vol. 1 3.4.3; bit 1 is always 1 and not named). */
export const RFLAGS_BITS = [
  ['CF', 0], ['PF', 2], ['AF', 4], ['ZF', 6], ['SF', 7], ['TF', 8], ['IF', 9], ['DF', 10], ['OF', 11],
  ['NT', 14], ['RF', 16], ['VM', 17], ['AC', 18],
];

const big = (hex) => BigInt(hex);
const hex = (n) => '0x' + n.toString(16);

/** Returns the names of the RFLAGS bits set in a value: "0x302" -> ["TF", "IF"]. */
export function rflagsNames(value) {
  const v = big(value);
  return RFLAGS_BITS.filter(([, bit]) => (v >> BigInt(bit)) & 1n).map(([name]) => name);
}

/** Returns the frame slot names a delivery's writes fill, lowest address first. */
export function frameSlots(delivery) {
  const words = (delivery?.writes ?? []).filter((w) => w.size === 8).map((w) => big(w.address)).sort((a, b) => (a < b ? -1 : 1));
  const names = words.length >= 6 ? ['error code', 'RIP', 'CS', 'RFLAGS', 'RSP', 'SS'] : ['RIP', 'CS', 'RFLAGS', 'RSP', 'SS'];
  const top = words.slice(-names.length);
  return new Map(top.map((address, i) => [address, names[i]]));
}

/**
 * Returns the words from rsp upwards, count of them: {address, value (hex, or null when no
 * step in the steps given wrote it), slot (frame slot name or null), flags (RFLAGS names for the
 * RFLAGS slot), write ({step, old, new, cleared, set} when a step after the delivery changed it)}.
 * steps: the steps to read writes from, in order (the delivery first when there is a frame);
 * delivery: the step that pushed the frame, or null.
 */
export function stackWords({ steps, rsp, delivery = null, count = 8 }) {
  const bytes = new Map();
  const later = new Map();
  for (const step of steps) {
    for (const w of step.writes ?? []) {
      const address = big(w.address);
      let value = big(w.new);
      for (let i = 0; i < w.size; i++) {
        bytes.set(address + BigInt(i), Number(value & 0xffn));
        value >>= 8n;
      }
      if (delivery && step.index > delivery.index) later.set(address, { step: step.index, old: w.old, new: w.new, size: w.size });
    }
  }
  const slots = frameSlots(delivery);
  const out = [];
  const base = big(rsp);
  for (let i = 0; i < count; i++) {
    const address = base + BigInt(i * 8);
    let value = 0n;
    let known = true;
    for (let b = 7; b >= 0; b--) {
      const byte = bytes.get(address + BigInt(b));
      if (byte === undefined) known = false;
      value = (value << 8n) | BigInt(byte ?? 0);
    }
    const slot = slots.get(address) ?? null;
    const row = { address: hex(address), value: known ? hex(value) : null, slot, flags: null, write: null };
    if (slot === 'RFLAGS' && known) row.flags = rflagsNames(hex(value));
    const w = later.get(address);
    if (w) {
      const before = slot === 'RFLAGS' ? rflagsNames(w.old) : [];
      const after = slot === 'RFLAGS' ? rflagsNames(w.new) : [];
      row.write = { ...w, cleared: before.filter((n) => !after.includes(n)), set: after.filter((n) => !before.includes(n)) };
    }
    out.push(row);
  }
  return out;
}
