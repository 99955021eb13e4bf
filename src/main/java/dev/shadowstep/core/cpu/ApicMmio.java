package dev.shadowstep.core.cpu;

import dev.shadowstep.core.apic.X2Apic;
import dev.shadowstep.core.apic.XApicPage;
import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Operand;

/**
 * The one place guest data accesses are steered to the xAPIC page instead of memory ({@link
 * Operands#load}, {@link Operands#store}): in xAPIC mode, a load or store inside the page at the
 * APIC base goes to the APIC (SDM Vol. 3A 11.4.1). The access is still a linear-address access for
 * data breakpoints (SDM 18.2.5), so it is logged like a memory one.
 */
public final class ApicMmio {
    private ApicMmio() {}

    /** Returns whether a {@code size}-byte access at {@code address} goes to the APIC. */
    static boolean claims(CpuStateBuilder b, long address, int size) {
        return XApicPage.claims(b.apic(), address, size);
    }

    /** Loads an APIC register; a refused access is #GP(0). */
    static long load(CpuStateBuilder b, Memory mem, long address, int size) {
        mem.log().record(address, size, false);
        XApicPage.Read r = XApicPage.read(b.apic(), address, size, mem.tsc());
        if (r.gpReason() != null) throw CpuFault.gp(capitalised(r.gpReason()) + ".");
        return r.value();
    }

    /** Stores to an APIC register: the APIC changes (a self-NMI becomes pending); a refused access is #GP(0). */
    static void store(CpuStateBuilder b, Memory mem, long address, int size, long value) {
        mem.log().record(address, size, true);
        X2Apic.Write w = XApicPage.write(b.apic(), address, size, value, mem.tsc());
        if (w.gpReason() != null) throw CpuFault.gp(capitalised(w.gpReason()) + ".");
        b.apic(w.apic());
        if (w.raiseNmi()) b.nmiPending(true);
    }

    /**
     * Returns the rule of an instruction that had no rule of its own and whose memory operand is in
     * the xAPIC page ({@link InstructionRule#XAPIC_MMIO_WRITE} or {@link InstructionRule#XAPIC_MMIO_READ}),
     * else null. Only asked in xAPIC mode, so x2APIC runs never pay for it.
     */
    static InstructionRule rule(CpuState s, Instruction i, long next) {
        Operand.Mem m = i.dst() instanceof Operand.Mem d ? d : i.src() instanceof Operand.Mem src ? src : null;
        if (m == null) return null;
        long address = Operands.address(s.toBuilder(), m, next);
        if (!XApicPage.claims(s.apic(), address, Math.max(1, i.size()))) return null;
        return i.dst() == m ? InstructionRule.XAPIC_MMIO_WRITE : InstructionRule.XAPIC_MMIO_READ;
    }

    /** Returns the xAPIC page offset of {@code i}'s memory operand in state {@code s}, or -1 when it has none there (for the why). */
    public static int offset(CpuState s, Instruction i) {
        Operand.Mem m = i.dst() instanceof Operand.Mem d ? d : i.src() instanceof Operand.Mem src ? src : null;
        if (m == null) return -1;
        long address = Operands.address(s.toBuilder(), m, s.rip() + i.length());
        return XApicPage.claims(s.apic(), address, 1) ? (int) (address - XApicPage.BASE) : -1;
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
