package dev.shadowstep.core.cpu;

/**
 * RFLAGS bits (SDM Vol. 1 3.4.3, Vol. 3 2.3). Bits not named here are reserved: bit 1 always
 * reads 1, bits 3, 5, 15 and 22-63 always read 0.
 */
public final class Rflags {
    private Rflags() {}

    /** Carry flag. */
    public static final long CF = 1L << 0;
    /** Reserved, always 1. */
    public static final long FIXED_1 = 1L << 1;
    /** Parity flag: low byte of the result has an even number of 1 bits. */
    public static final long PF = 1L << 2;
    /** Auxiliary carry (carry out of bit 3). */
    public static final long AF = 1L << 4;
    /** Zero flag. */
    public static final long ZF = 1L << 6;
    /** Sign flag. */
    public static final long SF = 1L << 7;
    /** Trap flag: single-step; sampled when an instruction starts (SDM 18.3.1.4). */
    public static final long TF = 1L << 8;
    /** Interrupt enable flag: maskable interrupts are recognised only when 1. */
    public static final long IF = 1L << 9;
    /** Direction flag. */
    public static final long DF = 1L << 10;
    /** Overflow flag. */
    public static final long OF = 1L << 11;
    /** I/O privilege level, bits 12-13: CLI/STI/IN/OUT need CPL <= IOPL. */
    public static final long IOPL = 3L << 12;
    /** Nested task; IRET with NT=1 is #GP in IA-32e mode. */
    public static final long NT = 1L << 14;
    /** Resume flag: suppresses instruction breakpoints for one instruction (SDM 18.3.1.1). */
    public static final long RF = 1L << 16;
    /** Virtual-8086 mode; always 0 in 64-bit mode. */
    public static final long VM = 1L << 17;
    /** Alignment check. */
    public static final long AC = 1L << 18;
    /** Virtual interrupt flag. */
    public static final long VIF = 1L << 19;
    /** Virtual interrupt pending. */
    public static final long VIP = 1L << 20;
    /** CPUID available. */
    public static final long ID = 1L << 21;

    /** The arithmetic status flags an ALU instruction writes. */
    public static final long STATUS = CF | PF | AF | ZF | SF | OF;
    /** Every bit that is not reserved (bit 1 counted as defined: it is fixed to 1). */
    public static final long DEFINED = STATUS | FIXED_1 | TF | IF | DF | IOPL | NT | RF | VM | AC | VIF | VIP | ID;
    /** Value after reset: only the fixed bit. */
    public static final long RESET = FIXED_1;

    /** Returns the IOPL field (0-3). */
    public static int iopl(long rflags) {
        return (int) ((rflags & IOPL) >>> 12);
    }

    /** Returns whether {@code rflags} has all bits of {@code flag}. */
    public static boolean has(long rflags, long flag) {
        return (rflags & flag) == flag;
    }

    /** Returns a description of a value that is not a valid RFLAGS value, or null when it is valid. */
    public static String problem(long rflags) {
        if ((rflags & FIXED_1) == 0) {
            return "bit 1 of RFLAGS is reserved and always 1";
        }
        long reserved = rflags & ~DEFINED;
        if (reserved != 0) {
            return "RFLAGS bits 0x" + Long.toHexString(reserved) + " are reserved (bits 3, 5, 15, 22-63 read 0)";
        }
        return null;
    }
}
