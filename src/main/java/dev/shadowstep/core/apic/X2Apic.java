package dev.shadowstep.core.apic;

/**
 * The x2APIC MSRs shadowstep models (SDM Vol. 3A 11.12, Table 11-6): TPR, PPR, EOI, ISR, IRR, ICR
 * self-IPIs and the timer (LVT timer, initial count, current count, divide configuration). Other
 * x2APIC registers read as fixed values (APIC ID 0). In xAPIC mode these MSRs do not exist: RDMSR
 * and WRMSR of them are #GP (SDM 11.12.1.2).
 */
public final class X2Apic {
    private X2Apic() {}

    /** x2APIC ID register (read-only). */
    public static final int ID = 0x802;
    /** x2APIC version register (read-only). */
    public static final int VERSION = 0x803;
    /** Task priority register. */
    public static final int TPR = 0x808;
    /** Processor priority register (read-only). */
    public static final int PPR = 0x80a;
    /** End of interrupt (write-only; must be written with 0). */
    public static final int EOI = 0x80b;
    /** Spurious interrupt vector register. */
    public static final int SVR = 0x80f;
    /** In-service register, bits 31:0 (0x810) to 255:224 (0x817), read-only. */
    public static final int ISR0 = 0x810;
    /** Interrupt request register, bits 31:0 (0x820) to 255:224 (0x827), read-only. */
    public static final int IRR0 = 0x820;
    /** Interrupt command register (64-bit in x2APIC mode). */
    public static final int ICR = 0x830;
    /** LVT timer register. */
    public static final int LVT_TIMER = 0x832;
    /** Timer initial count. */
    public static final int INITIAL_COUNT = 0x838;
    /** Timer current count (read-only). */
    public static final int CURRENT_COUNT = 0x839;
    /** Timer divide configuration. */
    public static final int DIVIDE_CONFIG = 0x83e;

    /**
     * What a write to an APIC register (an x2APIC MSR or an xAPIC MMIO register) did.
     *
     * @param apic      the APIC afterwards
     * @param raiseNmi  a self-NMI was sent
     * @param note      a sentence for the trace, or null
     * @param gpReason  when not null, the write raises #GP(0) for this reason and changes nothing
     */
    public record Write(Apic apic, boolean raiseNmi, String note, String gpReason) {
        static Write ok(Apic apic, String note) { return new Write(apic, false, note, null); }
        static Write gp(Apic apic, String reason) { return new Write(apic, false, null, reason); }
    }

    /** Returns whether {@code msr} is an x2APIC register this model knows. */
    public static boolean handles(int msr) {
        return msr == ID || msr == VERSION || msr == TPR || msr == PPR || msr == EOI || msr == SVR || msr == ICR
                || (msr >= ISR0 && msr < ISR0 + 8) || (msr >= IRR0 && msr < IRR0 + 8)
                || msr == LVT_TIMER || msr == INITIAL_COUNT || msr == CURRENT_COUNT || msr == DIVIDE_CONFIG;
    }

    /** Returns the value RDMSR reads at TSC 0 (for registers that do not depend on time). */
    public static Long read(Apic apic, int msr) {
        return read(apic, msr, 0);
    }

    /** Returns the value RDMSR reads at TSC {@code now}, or null when the register cannot be read (#GP). */
    public static Long read(Apic apic, int msr, long now) {
        if (msr >= ISR0 && msr < ISR0 + 8) return Registers.word(apic.isr(), msr - ISR0);
        if (msr >= IRR0 && msr < IRR0 + 8) return Registers.word(apic.irr(), msr - IRR0);
        return switch (msr) {
            case ID -> 0L;
            case VERSION -> Registers.VERSION_VALUE;
            case TPR -> (long) apic.tpr();
            case PPR -> (long) apic.processorPriority();
            case SVR -> Registers.SVR_VALUE;
            case ICR -> 0L;
            case LVT_TIMER -> (long) apic.timer().lvt();
            case INITIAL_COUNT -> apic.timer().initialCount();
            case CURRENT_COUNT -> apic.timer().currentCount(now);
            case DIVIDE_CONFIG -> (long) apic.timer().divide();
            default -> null;             // EOI is write-only
        };
    }

    /** Returns the effect of WRMSR {@code msr} = {@code value} at TSC 0. */
    public static Write write(Apic apic, int msr, long value) {
        return write(apic, msr, value, 0);
    }

    /** Returns the effect of WRMSR {@code msr} = {@code value} at TSC {@code now}. */
    public static Write write(Apic apic, int msr, long value, long now) {
        return switch (msr) {
            case EOI -> value != 0
                    ? Write.gp(apic, "a non-zero write to the x2APIC EOI register is #GP (SDM 11.12.1.2)")
                    : Write.ok(apic.endOfInterrupt(), Registers.eoiNote(apic));
            case TPR -> (value & ~0xFFL) != 0
                    ? Write.gp(apic, "TPR bits 63:8 are reserved (SDM 11.12.1.2)")
                    : Write.ok(apic.withTpr((int) value), null);
            case SVR -> Write.ok(apic, null);
            case ICR -> Registers.interruptCommand(apic, (int) value, value >>> 32);
            case LVT_TIMER, INITIAL_COUNT, DIVIDE_CONFIG -> (value >>> 32) != 0
                    ? Write.gp(apic, String.format("x2APIC register 0x%x is 32 bits: bits 63:32 are reserved (SDM 11.12.1.2)", msr))
                    : Registers.timerWrite(apic, msr == LVT_TIMER ? Registers.LVT_TIMER
                            : msr == INITIAL_COUNT ? Registers.INITIAL_COUNT : Registers.DIVIDE_CONFIG, (int) value, now);
            default -> Write.gp(apic, "x2APIC register 0x" + Integer.toHexString(msr) + " is read-only");
        };
    }
}
