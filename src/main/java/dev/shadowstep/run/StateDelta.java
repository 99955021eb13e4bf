package dev.shadowstep.run;

import dev.shadowstep.core.apic.Apic;
import dev.shadowstep.core.cpu.Activity;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.CpuStateBuilder;
import dev.shadowstep.core.cpu.Shadow;
import java.util.List;

/**
 * The field-by-field difference of two {@link CpuState}s as a bit mask and a list of new
 * values, the unit of the step columns. RIP is not part of it: the run loop knows it from the
 * next step.
 *
 * <pre>
 * bits 0-15  general registers     bit 22  dr6        bit 26  debugctl
 * bit 16     rflags                bit 23  dr7        bit 27  cr2
 * bit 17     misc (cpl, ss, shadow, activity, nmi pending/blocked; packed)
 * bits 18-21 dr0-dr3               bit 24  pending_db bit 25  apic (index into the APIC value list)
 * bit 28     cr0                   bit 29  cr3        bit 30  cr4
 * </pre>
 */
final class StateDelta {
    private StateDelta() {}

    /** The enum constants by ordinal, copied once: {@code values()} clones its array on every call. */
    private static final Shadow[] SHADOWS = Shadow.values();
    private static final Activity[] ACTIVITIES = Activity.values();

    static final int RFLAGS = 16, MISC = 17, DR0 = 18, DR6 = 22, DR7 = 23, PENDING_DB = 24, APIC = 25, DEBUGCTL = 26, CR2 = 27,
            CR0 = 28, CR3 = 29, CR4 = 30;
    /** The most values one step can add: one per bit. */
    static final int MAX_VALUES = 31;

    /** Packs the small fields into one long. */
    static long misc(CpuState s) {
        return s.cpl() | (long) s.ss() << 2 | (long) s.shadow().ordinal() << 18 | (long) s.activity().ordinal() << 20
                | (s.nmiPending() ? 1L << 22 : 0) | (s.nmiBlocked() ? 1L << 23 : 0);
    }

    static void applyMisc(CpuStateBuilder b, long m) {
        b.cpl((int) (m & 3)).ss((int) ((m >>> 2) & 0xFFFF)).shadow(SHADOWS[(int) ((m >>> 18) & 3)])
                .activity(ACTIVITIES[(int) ((m >>> 20) & 1)]).nmiPending((m & 1L << 22) != 0)
                .nmiBlocked((m & 1L << 23) != 0);
    }

    /** Applies the values of one step to {@code b}; returns the index after the values used. */
    static int apply(CpuStateBuilder b, int mask, long[] values, int at, List<Apic> apics) {
        for (int bit = 0; mask != 0; bit++, mask >>>= 1) {
            if ((mask & 1) == 0) continue;
            long v = values[at++];
            if (bit < 16) {
                b.reg(bit, v);
                continue;
            }
            switch (bit) {
                case RFLAGS -> b.rflags(v);
                case MISC -> applyMisc(b, v);
                case DR6 -> b.dr6(v);
                case DR7 -> b.dr7(v);
                case PENDING_DB -> b.pendingDb(v);
                case APIC -> b.apic(apics.get((int) v));
                case DEBUGCTL -> b.debugctl(v);
                case CR2 -> b.cr2(v);
                case CR0 -> b.cr(b.cr().withCr0(v));
                case CR3 -> b.cr(b.cr().withCr3(v));
                case CR4 -> b.cr(b.cr().withCr4(v));
                default -> b.dr(bit - DR0, v);
            }
        }
        return at;
    }
}
