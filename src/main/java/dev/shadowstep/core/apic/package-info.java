/**
 * The local APIC as values: IRR and ISR as 256-bit {@link dev.shadowstep.core.apic.VectorSet}s,
 * the TPR, the processor priority (SDM 11.8.3.1), and the x2APIC MSRs (TPR, EOI, ICR self-IPI).
 */
package dev.shadowstep.core.apic;
