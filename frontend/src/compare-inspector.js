/**
 * The compare page's inspector: the two runs' steps at one row as rows of (field, A, B, differs),
 * in the trace format's field names, the names the server's differences use (vmcs.pending_dbg,
 * regs.rsp, why). RIP is shown and compared where it points (label and address), so code moved
 * by a longer instruction earlier does not count as a difference, as on the server. DOM-free.
 */

const STATE_FIELDS = ['rflags', 'tf', 'if', 'rf', 'shadow', 'dr0', 'dr1', 'dr2', 'dr3', 'dr6', 'dr7', 'pending_db',
  'irr', 'isr', 'nmi_blocked', 'activity'];
const VMCS_FIELDS = ['interruptibility', 'pending_dbg', 'activity_state', 'entry_intr_info', 'exit_reason', 'exit_qualification'];
const REGS = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];

const show = (v) => (v === undefined || v === null ? '—' : Array.isArray(v) ? (v.length ? v.join(', ') : 'none') : String(v));

/**
 * Returns [{name, a, b, differs}] for steps a and b (step JSON, or null when that run takes no step
 * at the row). A field only one run has (the VMCS under a hypervisor) is shown, never marked; a
 * register only when it differs.
 */
export function inspectorRows(a, b) {
  const rows = [];
  const add = (name, va, vb, comparable = true) => {
    if (va === undefined && vb === undefined) return;
    const sa = show(va);
    const sb = show(vb);
    rows.push({ name, a: sa, b: sb, differs: comparable && !!a && !!b && va !== undefined && vb !== undefined && sa !== sb });
  };
  const where = (s) => (s ? (s.label && s.label !== s.rip ? `${s.label} (${s.rip})` : s.rip) : undefined);
  const place = (s) => (s ? s.label ?? s.rip : undefined);
  add('step', a?.index, b?.index, false);
  add('step kind', a?.kind, b?.kind);
  add('what', a?.text, b?.text);
  rows.push({ name: 'rip', a: show(where(a)), b: show(where(b)), differs: !!a && !!b && place(a) !== place(b) });
  for (const f of STATE_FIELDS) add(f, a?.state?.[f], b?.state?.[f]);
  for (const f of VMCS_FIELDS) add('vmcs.' + f, a?.state?.vmcs?.[f], b?.state?.vmcs?.[f]);
  // the 16 registers only where they differ: the rest is on each run's own page
  for (const r of REGS) {
    const va = a?.state?.regs?.[r];
    const vb = b?.state?.regs?.[r];
    if (a && b && va !== undefined && vb !== undefined && va !== vb) add('regs.' + r, va, vb);
  }
  add('why', a?.why, b?.why);
  add('held', a?.held, b?.held);
  add('rule', a?.rule, b?.rule);
  return rows;
}
