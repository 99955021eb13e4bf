package dev.shadowstep.core.cpu;

/** Model-specific registers outside the x2APIC range that shadowstep accepts. */
public final class Msr {
    private Msr() {}

    /** IA32_APIC_BASE: the APIC mode and base ({@code core.apic.ApicBase}). */
    public static final int APIC_BASE = 0x1b;
    /** IA32_DEBUGCTL: bit 0 LBR, bit 1 BTF (single-step on branches). */
    public static final int DEBUGCTL = 0x1d9;
    /** IA32_TSC_DEADLINE: the APIC timer's deadline in TSC-deadline mode ({@code core.apic.ApicTimer}, SDM 11.5.4.1). */
    public static final int TSC_DEADLINE = 0x6e0;

    /** IA32_DEBUGCTL.LBR (bit 0): last-branch recording; accepted, not modelled. */
    public static final long DEBUGCTL_LBR = 1L << 0;
    /** IA32_DEBUGCTL.BTF (bit 1): with TF=1, single-step traps only on taken branches (SDM 18.4.3). */
    public static final long DEBUGCTL_BTF = 1L << 1;
    /** The DEBUGCTL bits this model accepts; the others are #GP. */
    public static final long DEBUGCTL_SUPPORTED = DEBUGCTL_LBR | DEBUGCTL_BTF;

    /** IA32_APIC_BASE as read in x2APIC mode: base 0xfee00000, enabled (bit 11), x2APIC (bit 10), BSP (bit 8). */
    public static final long APIC_BASE_VALUE = 0xFEE00D00L;
}
