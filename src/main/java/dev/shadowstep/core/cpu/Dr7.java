package dev.shadowstep.core.cpu;

/**
 * DR7, the debug control register (SDM Vol. 3 18.2.4), for a CPU without RTM: bit 10 is
 * fixed to 1; bits 12, 14, 15 and 32-63 are reserved and 0; bit 11 (RTM) can be written but
 * has no effect.
 *
 * <pre>
 * bit 0,2,4,6   L0-L3  local enable of breakpoint n
 * bit 1,3,5,7   G0-G3  global enable of breakpoint n
 * bit 8, 9      LE, GE exact breakpoint enables (ignored by P6 and later)
 * bit 11        RTM    writable, no effect (no RTM)
 * bit 13        GD     general detect: MOV to/from DRn raises #DB (fault, DR6.BD)
 * bits 16+4n    R/Wn   00 execute, 01 write, 10 I/O (not modelled), 11 read or write
 * bits 18+4n    LENn   00 1 byte, 01 2 bytes, 11 4 bytes, 10 8 bytes
 * </pre>
 */
public final class Dr7 {
    private Dr7() {}

    /** GD (bit 13): general detect enable; cleared by the CPU when it delivers a #DB. */
    public static final long GD = 1L << 13;
    /** Bit 10 is reserved and reads 1. */
    public static final long FIXED_1 = 1L << 10;
    /** The bits software can write. */
    public static final long WRITABLE = 0xFFFF2BFFL;
    /** DR7 after reset. */
    public static final long INIT = FIXED_1;

    /** R/W encoding 00: break on instruction execution. */
    public static final int RW_EXECUTE = 0;
    /** R/W encoding 01: break on data writes. */
    public static final int RW_WRITE = 1;
    /** R/W encoding 10: break on I/O (needs CR4.DE; not modelled). */
    public static final int RW_IO = 2;
    /** R/W encoding 11: break on data reads or writes (not instruction fetches). */
    public static final int RW_READ_WRITE = 3;

    /** Returns the DR7 value a MOV to DR7 of {@code value} leaves (bits 63:32 must be checked by the caller: #GP). */
    public static long write(long value) {
        return (value & WRITABLE) | FIXED_1;
    }

    /** Returns whether {@code value} is a DR7 value this CPU can hold. */
    public static boolean isValid(long value) {
        return (value & ~WRITABLE) == FIXED_1;
    }

    /** Returns whether breakpoint n is enabled (Ln or Gn). */
    public static boolean enabled(long dr7, int n) {
        return ((dr7 >>> (2 * n)) & 3) != 0;
    }

    /** Returns the R/W field of breakpoint n. */
    public static int rw(long dr7, int n) {
        return (int) ((dr7 >>> (16 + 4 * n)) & 3);
    }

    /** Returns the length in bytes of breakpoint n: LEN 00=1, 01=2, 11=4, 10=8. */
    public static int lengthBytes(long dr7, int n) {
        return switch ((int) ((dr7 >>> (18 + 4 * n)) & 3)) {
            case 0 -> 1;
            case 1 -> 2;
            case 3 -> 4;
            default -> 8;
        };
    }

    /** Returns whether any breakpoint is enabled with R/W = 00 (an instruction breakpoint). */
    public static boolean anyCodeBreakpoint(long dr7) {
        for (int n = 0; n < 4; n++) {
            if (enabled(dr7, n) && rw(dr7, n) == RW_EXECUTE) return true;
        }
        return false;
    }

    /** Returns whether any breakpoint is enabled with R/W = 01 or 11 (a data breakpoint). */
    public static boolean anyDataBreakpoint(long dr7) {
        if ((dr7 & 0xFF) == 0) return false; // no L/G bit: the common case, checked per instruction
        for (int n = 0; n < 4; n++) {
            if (enabled(dr7, n) && (rw(dr7, n) & 1) != 0) return true;
        }
        return false;
    }
}
