package dev.shadowstep.core.apic;

/**
 * IA32_APIC_BASE (MSR 0x1b, SDM Vol. 3A 11.4.4 and 11.12.1): BSP (bit 8), EXTD, x2APIC mode
 * (bit 10), EN, global enable (bit 11), the base in bits 51:12. shadowstep's APIC is always
 * enabled at 0xfee00000; software may switch it from xAPIC to x2APIC mode (SDM 11.12.5).
 */
public final class ApicBase {
    private ApicBase() {}

    public static final int MSR = 0x1b;
    static final long BSP = 1L << 8, EXTD = 1L << 10, EN = 1L << 11;

    /** Returns IA32_APIC_BASE as RDMSR reads it: 0xfee00d00 in x2APIC mode, 0xfee00900 in xAPIC mode. */
    public static long read(Apic apic) {
        return XApicPage.BASE | EN | BSP | (apic.x2apic() ? EXTD : 0);
    }

    /** Returns the effect of WRMSR IA32_APIC_BASE = {@code value}. */
    public static X2Apic.Write write(Apic apic, long value) {
        long current = read(apic);
        if (value == current) return X2Apic.Write.ok(apic, "IA32_APIC_BASE is written with its own value: no change.");
        if ((value & ~(BSP | EXTD | EN | 0xFFFFFF000L)) != 0) {
            return X2Apic.Write.gp(apic, String.format("IA32_APIC_BASE 0x%x sets reserved bits (SDM 11.4.4)", value));
        }
        if ((value & EN) == 0 || (value & ~0xFFFL) != XApicPage.BASE || (value & BSP) == 0) {
            return X2Apic.Write.gp(apic, String.format("IA32_APIC_BASE 0x%x would disable the APIC, move its page or clear BSP, "
                    + "which this model does not do (it has one APIC, enabled at 0xfee00000)", value));
        }
        if (apic.x2apic()) {
            return X2Apic.Write.gp(apic, "leaving x2APIC mode for xAPIC mode (EXTD 1 -> 0 with EN = 1) is an invalid "
                    + "transition: #GP (SDM 11.12.5, Figure 11-27)");
        }
        return X2Apic.Write.ok(apic.withX2apic(true), "EXTD = 1: the APIC enters x2APIC mode; the MMIO page is no longer "
                + "decoded and the registers are MSRs 0x800-0x8ff (SDM 11.12.1, 11.12.5).");
    }
}
