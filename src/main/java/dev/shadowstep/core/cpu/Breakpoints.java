package dev.shadowstep.core.cpu;

/**
 * Breakpoint matching against DR0-DR3 and DR7 (SDM 18.2.5). Only enabled breakpoints (Ln or
 * Gn) are reported; addresses are compared over the LEN-aligned range, as Bochs's
 * {@code hwdebug_compare} does.
 */
public final class Breakpoints {
    private Breakpoints() {}

    /**
     * Returns the B0-B3 bits of the instruction breakpoints matching {@code s.rip()}, or 0 when
     * they are suppressed: RF=1 (SDM 18.3.1.1) or the MOV SS shadow (Intel; SDM MOV SS note).
     */
    public static long codeMatch(CpuState s) {
        if (s.flag(Rflags.RF) || s.shadow().blocksDebugTraps()) return 0;
        return codeMatchIgnoringSuppression(s);
    }

    /** Returns the B0-B3 bits of enabled instruction breakpoints at {@code s.rip()}, suppressed or not. */
    public static long codeMatchIgnoringSuppression(CpuState s) {
        long dr7 = s.dr7();
        if ((dr7 & 0xFF) == 0) return 0;
        long bits = 0;
        for (int n = 0; n < 4; n++) {
            if (Dr7.enabled(dr7, n) && Dr7.rw(dr7, n) == Dr7.RW_EXECUTE
                    && overlaps(s.dr(n), Dr7.lengthBytes(dr7, n), s.rip(), 1)) {
                bits |= 1L << n;
            }
        }
        return bits;
    }

    /** Returns the B0-B3 bits of enabled data breakpoints hit by the logged accesses (DR values of {@code s}). */
    public static long dataMatch(CpuState s, AccessLog log) {
        long dr7 = s.dr7();
        long bits = 0;
        for (int i = 0; i < log.count(); i++) {
            for (int n = 0; n < 4; n++) {
                int rw = Dr7.rw(dr7, n);
                boolean kind = rw == Dr7.RW_READ_WRITE || rw == Dr7.RW_WRITE && log.isWrite(i);
                if (Dr7.enabled(dr7, n) && kind
                        && overlaps(s.dr(n), Dr7.lengthBytes(dr7, n), log.address(i), log.size(i))) {
                    bits |= 1L << n;
                }
            }
        }
        return bits;
    }

    /** Returns whether the aligned breakpoint range [bp & ~(len-1), +len) meets [address, address+size). */
    static boolean overlaps(long bp, int len, long address, int size) {
        long start = bp & ~(len - 1L);
        return address < start + len && start < address + size;
    }
}
