package dev.shadowstep.core.cpu;

/** What executing one instruction did. */
public sealed interface ExecResult {

    /**
     * The instruction completed.
     *
     * @param next    the state it produced, before the retirement rules (single-step trap,
     *                data breakpoints, RF, shadow) are applied by {@link Retirement}
     * @param creates the shadow this instruction starts: STI that set IF, or MOV SS
     * @param rule    the rule that decided the step: the instruction's own, returned by its executor
     *                family or platform, or after {@link Retirement} the step's rule; null when
     *                nothing decided it before retirement
     */
    record Retired(CpuState next, Shadow creates, InstructionRule rule) implements ExecResult {
        /** An instruction with no rule of its own and no shadow. */
        public Retired(CpuState next) { this(next, Shadow.NONE, null); }

        /** An instruction whose own rule is {@code rule}, before retirement. */
        public Retired(CpuState next, InstructionRule rule) { this(next, rule == null ? Shadow.NONE : rule.starts(), rule); }
    }

    /**
     * The instruction faulted and did not retire; RIP still points at it.
     *
     * @param fault the fault
     * @param from  the state the fault is delivered from when the instruction changed something even
     *              though it faulted (IRET ends NMI blocking "even if the instruction causes a fault",
     *              SDM 6.7.1), else null: the state before the instruction
     */
    record Fault(CpuFault fault, CpuState from) implements ExecResult {
        public Fault(CpuFault fault) { this(fault, null); }

        /** Returns the state the fault is delivered from, given the state before the instruction. */
        public CpuState from(CpuState before) {
            return from != null ? from : before;
        }
    }

    /**
     * The instruction is a software interrupt or trap-like exception (INT n, INT3, ICEBP): it
     * completes by delivering {@code vector} with {@code nextRip} pushed.
     */
    record SoftwareInterrupt(SoftwareInterruptKind kind, int vector, long nextRip) implements ExecResult {}

    /**
     * In VMX non-root operation: the instruction caused a VM exit instead of executing (CPUID, HLT
     * with HLT exiting, ...). The guest state is unchanged: RIP still points at the instruction.
     */
    record Exited(VmExit exit) implements ExecResult {}

    /** The instructions that end by delivering an event. */
    enum SoftwareInterruptKind {
        /** INT n: a software interrupt; with n = 1 it is not a debug exception (DR6 untouched). */
        INT_N,
        /** INT3: #BP, a trap (RIP after the int3). */
        INT3,
        /** ICEBP / INT1 (0xf1): a trap-like #DB with no DR6 cause bit (SDM Table 19-2; KUT debug.c). */
        ICEBP
    }
}
