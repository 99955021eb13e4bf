package dev.shadowstep.core.apic;

/**
 * The x2APIC MSRs shadowstep models (SDM Vol. 3 11.12): TPR, EOI and ICR self-IPIs.
 * Other x2APIC registers read as fixed values (APIC ID 0).
 */
public final class X2Apic {
    private X2Apic() {}

    /** x2APIC ID register (read-only). */
    public static final int ID = 0x802;
    /** x2APIC version register (read-only). */
    public static final int VERSION = 0x803;
    /** Task priority register. */
    public static final int TPR = 0x808;
    /** End of interrupt (write-only; must be written with 0). */
    public static final int EOI = 0x80b;
    /** Spurious interrupt vector register. */
    public static final int SVR = 0x80f;
    /** Interrupt command register (64-bit in x2APIC mode). */
    public static final int ICR = 0x830;

    /** Delivery mode 000: fixed. */
    private static final int MODE_FIXED = 0;
    /** Delivery mode 100: NMI. */
    private static final int MODE_NMI = 4;

    /**
     * What a WRMSR to an x2APIC register did.
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
        return msr == ID || msr == VERSION || msr == TPR || msr == EOI || msr == SVR || msr == ICR;
    }

    /** Returns the value RDMSR reads, or null when the register cannot be read (#GP). */
    public static Long read(Apic apic, int msr) {
        return switch (msr) {
            case ID -> 0L;
            case VERSION -> 0x50014L;   // version 0x14, 6 LVT entries (max LVT = 5)
            case TPR -> (long) apic.tpr();
            case SVR -> 0x1FFL;          // APIC software-enabled, spurious vector 0xff
            case ICR -> 0L;
            default -> null;             // EOI is write-only
        };
    }

    /** Returns the effect of WRMSR {@code msr} = {@code value}. */
    public static Write write(Apic apic, int msr, long value) {
        return switch (msr) {
            case EOI -> value != 0
                    ? Write.gp(apic, "a non-zero write to the x2APIC EOI register is #GP (SDM 11.12.1.2)")
                    : Write.ok(apic.endOfInterrupt(), eoiNote(apic));
            case TPR -> (value & ~0xFFL) != 0
                    ? Write.gp(apic, "TPR bits 63:8 are reserved (SDM 11.12.1.2)")
                    : Write.ok(apic.withTpr((int) value), null);
            case SVR -> Write.ok(apic, null);
            case ICR -> interruptCommand(apic, value);
            default -> Write.gp(apic, "x2APIC register 0x" + Integer.toHexString(msr) + " is read-only");
        };
    }

    private static String eoiNote(Apic apic) {
        int v = apic.isr().highest();
        return v < 0 ? "EOI with nothing in service has no effect."
                : "EOI retires vector 0x" + Integer.toHexString(v) + " from the ISR (SDM 11.8.5).";
    }

    /** ICR: vector 7:0, delivery mode 10:8, shorthand 19:18, destination 63:32 (SDM 11.12.9). */
    private static Write interruptCommand(Apic apic, long icr) {
        int vector = (int) (icr & 0xFF);
        int mode = (int) ((icr >>> 8) & 7);
        int shorthand = (int) ((icr >>> 18) & 3);
        long destination = icr >>> 32;
        boolean physical = (icr & (1L << 11)) == 0;
        boolean toSelf = shorthand == 1 || shorthand == 2 || (shorthand == 0 && physical && destination == 0);
        if (!toSelf) {
            return Write.ok(apic, "The IPI targets another CPU; this machine has one CPU, so it goes nowhere.");
        }
        if (mode == MODE_NMI) {
            return new Write(apic, true, null, null);
        }
        if (mode != MODE_FIXED) {
            return Write.ok(apic, "Only fixed and NMI self-IPIs are modelled; this IPI is dropped.");
        }
        if (vector < 16) {
            return Write.ok(apic, "Vectors 0-15 are illegal for fixed IPIs; the APIC drops it (SDM 11.5.3).");
        }
        return Write.ok(apic.request(vector), null);
    }
}
