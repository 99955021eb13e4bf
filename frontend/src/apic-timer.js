/**
 * The local APIC's mode and timer as the inspector shows them (trace-format.md, state.apic):
 * label/value pairs, DOM-free so that node --test can check them.
 */

/** Returns a count register as a decimal number (the registers are 0x hex strings in the trace). */
function decimal(hex) {
  return hex == null ? '' : BigInt(hex).toString(10);
}

/**
 * Returns [label, value] pairs for state.apic, or [] when the state has none (the APIC at reset):
 * the interface, the TSC, the timer's mode and vector, its count (one count = divisor
 * instructions retired) or its deadline, and when it fires.
 */
export function apicTimerFields(apic) {
  if (!apic || !apic.timer) return [];
  const t = apic.timer;
  const fields = [
    ['APIC mode', apic.mode === 'xapic' ? 'xAPIC (MMIO page at 0xfee00000)' : 'x2APIC (MSRs)'],
    ['TSC', decimal(apic.tsc) + ' instructions retired'],
    ['Timer', `${t.mode}, vector ${t.vector}` + (t.masked ? ', masked' : '') + (t.armed ? ', armed' : ', not armed')],
  ];
  if (t.mode === 'tsc-deadline') {
    fields.push(['TSC deadline', t.deadline === '0x0' ? '0 (disarmed)' : decimal(t.deadline)]);
  } else {
    fields.push(['Timer count', `${decimal(t.current_count)} of ${decimal(t.initial_count)}, one count = `
      + (t.divisor === 1 ? '1 instruction' : `${t.divisor} instructions`)]);
  }
  if (t.fires_at) fields.push(['Timer fires at', 'TSC ' + decimal(t.fires_at)]);
  return fields;
}
