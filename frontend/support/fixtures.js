/** Builds trace-format steps for tests: only the fields the timeline reads. */
export function step(index, state = {}, extra = {}) {
  return {
    index,
    kind: 'insn',
    rip: '0x401000',
    where: 'guest',
    state: {
      tf: false, if: false, rf: false, shadow: 'none', dr6: '0xffff0ff0', pending_db: '0x0',
      irr: [], isr: [], nmi_blocked: false, ...state,
    },
    changed: [],
    held: [],
    ...extra,
  };
}
