package dev.shadowstep.core.cpu;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Returns the rule of the step in which {@code i} took {@code b} to {@code a} (retired by
     * {@link #complete}): the instruction's own ({@code own}, from its family or platform; a MOV SS
     * that did not re-arm the shadow is MOV_SS_AFTER_MOV_SS), else the first retirement rule that
     * applied, else what its family returned ({@link InstructionRule#FRAME_RFLAGS_EDIT}), else PLAIN.
     */
    public static InstructionRule rule(CpuState b, Instruction i, CpuState a, InstructionRule own) {
        if (own != null && own.own()) {
            return own == InstructionRule.MOV_SS_SHADOW_STARTED && a.shadow() != Shadow.MOV_SS
                    ? InstructionRule.MOV_SS_AFTER_MOV_SS : own;
        }
        if (singleStepPending(b, i, a)) return InstructionRule.SINGLE_STEP_TRAP_PENDING;
        if (newDataBreakpoints(b, a) != 0) return InstructionRule.DATA_BREAKPOINT_HIT;
        if (movSsTrapsMerge(b)) return InstructionRule.MOV_SS_TRAPS_MERGE;
        if (shadowEnds(b, i, a)) return InstructionRule.SHADOW_ENDS;
        if (rfCleared(b, a)) return InstructionRule.RF_CLEARED;
        return own != null ? own : InstructionRule.PLAIN;
    }

    /** Returns every retirement rule that applied when {@code i} took {@code b} to {@code a}, in the order the why says them. */
    public static List<InstructionRule> applied(CpuState b, Instruction i, CpuState a) {
        List<InstructionRule> rules = new ArrayList<>(2);
        if (singleStepPending(b, i, a)) rules.add(InstructionRule.SINGLE_STEP_TRAP_PENDING);
        if (newDataBreakpoints(b, a) != 0) rules.add(InstructionRule.DATA_BREAKPOINT_HIT);
        if (movSsTrapsMerge(b)) rules.add(InstructionRule.MOV_SS_TRAPS_MERGE);
        if (shadowEnds(b, i, a)) rules.add(InstructionRule.SHADOW_ENDS);
        if (rfCleared(b, a)) rules.add(InstructionRule.RF_CLEARED);
        return rules;
    }

    /** Returns the data breakpoints that {@code i}'s accesses hit (the DR6 B bits it made pending). */
    public static long newDataBreakpoints(CpuState b, CpuState a) {
        return a.pendingDb() & ~b.pendingDb() & Dr6.B_MASK;
    }

    /** TF was set as the instruction began, so its single-step trap is pending (unless a POPF cleared TF: its own rule says it). */
    private static boolean singleStepPending(CpuState b, Instruction i, CpuState a) {
        boolean tfCleared = b.flag(Rflags.TF) && !a.flag(Rflags.TF) && i.op() == Op.POPF;
        return b.flag(Rflags.TF) && (a.pendingDb() & Dr6.BS) != 0 && !tfCleared;
    }

    private static boolean movSsTrapsMerge(CpuState b) {
        return b.shadow() == Shadow.MOV_SS && b.pendingDb() != 0;
    }

    private static boolean shadowEnds(CpuState b, Instruction i, CpuState a) {
        return b.shadow() != Shadow.NONE && a.shadow() == Shadow.NONE && i.op() != Op.MOV_TO_SEG;
    }

    private static boolean rfCleared(CpuState b, CpuState a) {
        return b.flag(Rflags.RF) && !a.flag(Rflags.RF);
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
