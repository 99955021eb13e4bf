package dev.shadowstep.core.cpu;

import dev.shadowstep.core.asm.Instruction;

/**
 * CLI, STI, PUSHF, POPF and the status-flag instructions STC CLC CMC CLD STD LAHF SAHF. Only STI
 * starts a shadow; the status-flag instructions touch neither TF, IF nor RF (SDM Vol. 2, each
 * instruction's "Flags Affected").
 */
final class FlagControl {
    private FlagControl() {}

    /** Flags POPF may change at CPL 0 (SDM POPF): not RF (cleared, as by every instruction), VM, VIF, VIP. */
    private static final long POPF_CPL0 = Rflags.STATUS | Rflags.TF | Rflags.IF | Rflags.DF | Rflags.IOPL
            | Rflags.NT | Rflags.AC | Rflags.ID;

    /** The flags SAHF loads and LAHF stores (with bit 1). */
    private static final long SAHF_BITS = Rflags.SF | Rflags.ZF | Rflags.AF | Rflags.PF | Rflags.CF;

    /** Executes {@code i}; returns its rule (STI_SHADOW_STARTED when it starts the STI shadow), or null for the status flags. */
    static InstructionRule execute(CpuStateBuilder b, Instruction i, Memory m, long next) {
        long f = b.rflags();
        InstructionRule rule = null;
        switch (i.op()) {
            case CLI -> {
                requireIopl(b, "CLI");
                b.rflags(f & ~Rflags.IF);
                rule = InstructionRule.CLI_CLEARS_IF;
            }
            case STI -> {
                requireIopl(b, "STI");
                // Blocking by STI only when STI sets IF (SDM STI; Bochs flag_ctrl.cc: inhibit only if IF was 0).
                rule = (f & Rflags.IF) == 0 ? InstructionRule.STI_SHADOW_STARTED : InstructionRule.STI_IF_ALREADY_SET;
                b.rflags(f | Rflags.IF);
            }
            // PUSHF stores RFLAGS with VM and RF cleared (SDM PUSHF).
            case PUSHF -> {
                Operands.push(b, m, f & ~(Rflags.RF | Rflags.VM), i.size());
                rule = InstructionRule.PUSHF_STORES_RFLAGS;
            }
            case POPF -> {
                long v = Operands.pop(b, m, i.size());
                long writable = POPF_CPL0;
                if (b.cpl() > 0) writable &= ~Rflags.IOPL;                    // IOPL changes only at CPL 0
                if (b.cpl() > Rflags.iopl(f)) writable &= ~Rflags.IF;       // IF changes only if CPL <= IOPL
                if (i.size() == 2) writable &= 0xFFFF;
                long loaded = (f & ~writable) | (v & writable) | Rflags.FIXED_1;
                b.rflags(loaded);
                boolean tfBefore = (f & Rflags.TF) != 0, tfAfter = (loaded & Rflags.TF) != 0;
                rule = !tfBefore && tfAfter ? InstructionRule.POPF_SETS_TF
                        : tfBefore && !tfAfter ? InstructionRule.POPF_CLEARS_TF : InstructionRule.POPF_LOADS_RFLAGS;
            }
            case STC -> b.rflags(f | Rflags.CF);
            case CLC -> b.rflags(f & ~Rflags.CF);
            case CMC -> b.rflags(f ^ Rflags.CF);
            case CLD -> b.rflags(f & ~Rflags.DF);
            case STD -> b.rflags(f | Rflags.DF);
            // LAHF: AH = SF:ZF:0:AF:0:PF:1:CF, the low byte of RFLAGS (SDM LAHF).
            case LAHF -> b.reg(Regs.RAX, (b.reg(Regs.RAX) & ~0xFF00L) | (((f & SAHF_BITS) | Rflags.FIXED_1) << 8));
            // SAHF loads SF, ZF, AF, PF and CF from AH; bits 1, 3 and 5 keep their fixed values (SDM SAHF).
            case SAHF -> b.rflags((f & ~SAHF_BITS) | ((b.reg(Regs.RAX) >>> 8) & SAHF_BITS));
            default -> throw new IllegalStateException(i.op() + " is not flag control");
        }
        b.rip(next);
        return rule;
    }

    private static void requireIopl(CpuStateBuilder b, String mnemonic) {
        int iopl = Rflags.iopl(b.rflags());
        if (b.cpl() > iopl) {
            throw CpuFault.gp(mnemonic + " at CPL " + b.cpl() + " with IOPL " + iopl
                    + " is #GP(0): it needs CPL <= IOPL (SDM " + mnemonic + ").");
        }
    }
}
