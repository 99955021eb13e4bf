/**
 * The local APIC as values: IRR and ISR as 256-bit {@link dev.shadowstep.core.apic.VectorSet}s,
 * the TPR and processor priority (SDM Vol. 3A 11.8.3.1), the two interfaces to the same registers
 * (the x2APIC MSRs, {@link dev.shadowstep.core.apic.X2Apic}, SDM 11.12; the xAPIC page,
 * {@link dev.shadowstep.core.apic.XApicPage}, SDM 11.4.1; IA32_APIC_BASE,
 * {@link dev.shadowstep.core.apic.ApicBase}), and the timer ({@link dev.shadowstep.core.apic.ApicTimer},
 * SDM 11.5.4), counted in guest instructions retired.
 */
package dev.shadowstep.core.apic;
