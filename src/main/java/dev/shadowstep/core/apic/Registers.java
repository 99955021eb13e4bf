package dev.shadowstep.core.apic;

/**
 * The APIC registers as both interfaces see them: xAPIC MMIO offsets (SDM Vol. 3A Table 11-1)
 * and the rules the xAPIC page and the x2APIC MSRs share (ICR, EOI, the timer registers).
 * x2APIC MSR = 0x800 + offset / 16 (SDM 11.12.1.2).
 */
final class Registers {
    private Registers() {}

    static final int ID = 0x20, VERSION = 0x30, TPR = 0x80, PPR = 0xA0, EOI = 0xB0, SVR = 0xF0,
            ISR0 = 0x100, IRR0 = 0x200, ICR_LOW = 0x300, ICR_HIGH = 0x310, LVT_TIMER = 0x320,
            INITIAL_COUNT = 0x380, CURRENT_COUNT = 0x390, DIVIDE_CONFIG = 0x3E0;

    /** Version 0x14, 6 LVT entries (max LVT = 5). */
    static final long VERSION_VALUE = 0x50014L;
    /** APIC software-enabled (bit 8), spurious vector 0xff. */
    static final long SVR_VALUE = 0x1FFL;

    /** Delivery mode 000: fixed. */
    private static final int MODE_FIXED = 0;
    /** Delivery mode 100: NMI. */
    private static final int MODE_NMI = 4;

    /** Returns 32 bits of a 256-bit vector register: word {@code n} holds vectors 32n..32n+31. */
    static long word(VectorSet set, int n) {
        long w = switch (n >>> 1) {
            case 0 -> set.w0();
            case 1 -> set.w1();
            case 2 -> set.w2();
            default -> set.w3();
        };
        return (n & 1) == 0 ? w & 0xFFFFFFFFL : w >>> 32;
    }

    static String eoiNote(Apic apic) {
        int v = apic.isr().highest();
        return v < 0 ? "EOI with nothing in service has no effect."
                : "EOI retires vector 0x" + Integer.toHexString(v) + " from the ISR (SDM 11.8.5).";
    }

    /**
     * Sends the IPI of an ICR write (SDM 11.6.1): vector 7:0, delivery mode 10:8, destination mode 11,
     * shorthand 19:18; {@code destination} the APIC ID it names (xAPIC: ICR bits 63:56; x2APIC: 63:32).
     * This machine has one CPU, APIC ID 0.
     */
    static X2Apic.Write interruptCommand(Apic apic, int low, long destination) {
        int vector = low & 0xFF;
        int mode = (low >>> 8) & 7;
        int shorthand = (low >>> 18) & 3;
        boolean physical = (low & (1 << 11)) == 0;
        boolean toSelf = shorthand == 1 || shorthand == 2 || (shorthand == 0 && physical && destination == 0);
        if (!toSelf) {
            return X2Apic.Write.ok(apic, "The IPI targets another CPU; this machine has one CPU, so it goes nowhere.");
        }
        if (mode == MODE_NMI) {
            return new X2Apic.Write(apic, true, null, null);
        }
        if (mode != MODE_FIXED) {
            return X2Apic.Write.ok(apic, "Only fixed and NMI self-IPIs are modelled; this IPI is dropped.");
        }
        if (vector < 16) {
            return X2Apic.Write.ok(apic, "Vectors 0-15 are illegal for fixed IPIs; the APIC drops it (SDM 11.5.3).");
        }
        return X2Apic.Write.ok(apic.request(vector), null);
    }

    /** Writes a timer register ({@link #LVT_TIMER}, {@link #INITIAL_COUNT}, {@link #DIVIDE_CONFIG}) at TSC {@code now}. */
    static X2Apic.Write timerWrite(Apic apic, int offset, int value, long now) {
        ApicTimer t = apic.timer();
        ApicTimer n = switch (offset) {
            case LVT_TIMER -> t.withLvt(value, now);
            case INITIAL_COUNT -> t.withInitialCount(value & 0xFFFFFFFFL, now);
            default -> t.withDivide(value, now);
        };
        String note = n.equals(t) ? ApicNotes.timerUnchanged(t, false, offset == INITIAL_COUNT) : ApicNotes.timer(t, n);
        return X2Apic.Write.ok(apic.withTimer(n), note);
    }
}
