package dev.shadowstep.core.cpu;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;

/**
 * What happens when an instruction completes, in one place: the single-step trap, data
 * breakpoints, RF and the interrupt shadow.
 */
public final class Retirement {
    private Retirement() {}

    /**
     * Applies the retirement rules to {@code b}, the state {@code i} produced from {@code before}.
     * <ul>
     * <li>TF is sampled when the instruction starts: if {@code before} had TF=1, a single-step
     *     trap (DR6.BS) is pending after it, even if it cleared TF; an instruction that set TF
     *     (POPF, IRET) traps only after the next one (SDM 18.3.1.4). With DEBUGCTL.BTF=1 only
     *     taken branches trap (SDM 18.4.3).</li>
     * <li>Data breakpoints hit by its accesses are pending traps (SDM 18.2.5).</li>
     * <li>Pending bits held by a MOV SS shadow stay and merge (one #DB, e.g. BS|B0).</li>
     * <li>RF is cleared when an instruction completes, except by IRET, which loads it (SDM 18.3.1.1).</li>
     * <li>The shadow is the one this instruction starts, if any; a MOV SS right after a MOV SS
     *     does not re-arm it (SDM 6.8.3; Bochs).</li>
     * </ul>
     */
    public static CpuState complete(CpuState before, Instruction i, CpuStateBuilder b, Shadow creates, AccessLog log) {
        long pending = before.pendingDb();
        if (before.flag(Rflags.TF) && ((before.debugctl() & Msr.DEBUGCTL_BTF) == 0 || branchTaken(before, i, b.rip()))) {
            pending |= Dr6.BS;
        }
        if (log.count() > 0) {
            pending |= Breakpoints.dataMatch(before, log);
        }
        b.pendingDb(pending);
        if (i.op() != Op.IRET) {
            b.rflags(b.rflags() & ~Rflags.RF);
        }
        b.shadow(creates == Shadow.MOV_SS && before.shadow() == Shadow.MOV_SS ? Shadow.NONE : creates);
        return b.build();
    }

    /** Returns whether {@code i} transferred control somewhere other than the next instruction. */
    static boolean branchTaken(CpuState before, Instruction i, long nextRip) {
        return switch (i.op()) {
            case JMP, CALL, RET, IRET -> true;
            case JCC, LOOP -> nextRip != before.rip() + i.length();
            default -> false;
        };
    }
}
