/**
 * A compact index of every step's address and kind, kept beside the stream (in the worker),
 * so "every execution of this instruction" and "every VM entry" can be answered for a run of
 * a million steps without holding the steps: two typed arrays that grow as steps arrive.
 * DOM-free.
 */

const KINDS = ['insn', 'deliver', 'vmexit', 'vmentry', 'host'];

/** The most matches one answer carries; the count says how many there were in all. */
export const MAX_MATCHES = 100_000;

/** Returns an index: push(step) in order; find({address} or {kind}) returns {steps: [index], count}. */
export function createStepIndex() {
  let addresses = new Uint16Array(1024);
  let kinds = new Uint8Array(1024);
  const codes = new Map(); // "0x401000" -> code + 1 (0: an address past the table's 65535 entries)
  let length = 0;

  const grow = () => {
    const a = new Uint16Array(addresses.length * 2);
    a.set(addresses);
    addresses = a;
    const k = new Uint8Array(kinds.length * 2);
    k.set(kinds);
    kinds = k;
  };
  const codeOf = (address) => {
    let code = codes.get(address);
    if (code === undefined && codes.size < 65535) codes.set(address, (code = codes.size + 1));
    return code ?? 0;
  };
  const scan = (test) => {
    const steps = [];
    let count = 0;
    for (let i = 0; i < length; i++) {
      if (!test(i)) continue;
      count++;
      if (steps.length < MAX_MATCHES) steps.push(i);
    }
    return { steps, count };
  };

  return {
    get length() {
      return length;
    },
    push(step) {
      if (step.index !== length) return false;
      if (length === addresses.length) grow();
      addresses[length] = codeOf(step.rip);
      kinds[length] = KINDS.indexOf(step.kind) + 1;
      length++;
      return true;
    },
    find(query) {
      if (query.address !== undefined) {
        const code = codes.get(query.address);
        return code ? scan((i) => addresses[i] === code) : { steps: [], count: 0 };
      }
      if (query.kind !== undefined) {
        const code = KINDS.indexOf(query.kind) + 1;
        return code ? scan((i) => kinds[i] === code) : { steps: [], count: 0 };
      }
      return { steps: [], count: 0 };
    },
  };
}
