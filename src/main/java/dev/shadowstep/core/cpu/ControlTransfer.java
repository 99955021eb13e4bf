package dev.shadowstep.core.cpu;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Operand;

/** JMP, Jcc, CALL, RET, LOOP and IRET. */
final class ControlTransfer {
    private ControlTransfer() {}

    /** IRET at CPL 0 may load every flag but VM (no virtual-8086 mode in IA-32e mode). */
    private static final long IRET_CPL0 = Rflags.STATUS | Rflags.TF | Rflags.IF | Rflags.DF | Rflags.IOPL
            | Rflags.NT | Rflags.RF | Rflags.AC | Rflags.ID | Rflags.VIF | Rflags.VIP;

    /** Executes {@code i} on the builder; returns its rule (IRET's), or null for the jumps, calls and returns. */
    static InstructionRule execute(CpuStateBuilder b, Instruction i, Memory m, long next) {
        switch (i.op()) {
            case JMP -> b.rip(target(b, i, m, next));
            case JCC -> b.rip(Alu.condition(b.rflags(), i.cond()) ? target(b, i, m, next) : next);
            case CALL -> {
                long t = target(b, i, m, next);
                Operands.push(b, m, next, 8);
                b.rip(t);
            }
            case RET -> {
                long t = Operands.pop(b, m, 8);
                if (i.dst() instanceof Operand.Imm imm) b.reg(Regs.RSP, b.reg(Regs.RSP) + (imm.value() & 0xFFFF));
                b.rip(t);
            }
            case LOOP -> {
                long rcx = b.reg(Regs.RCX) - 1;
                b.reg(Regs.RCX, rcx);
                b.rip(rcx != 0 ? target(b, i, m, next) : next);
            }
            case IRET -> {
                iret(b, i, m);
                return InstructionRule.IRET_NO_SHADOW;
            }
            default -> throw new IllegalStateException(i.op() + " is not a control transfer");
        }
        return null;
    }

    private static long target(CpuStateBuilder b, Instruction i, Memory m, long next) {
        return i.dst() instanceof Operand.Rel rel ? rel.target() : Operands.read(b, m, i.dst(), 8, next);
    }

    /**
     * IRET in IA-32e mode pops RIP, CS, RFLAGS, RSP and SS (SDM IRET, 64-bit mode). It may return
     * to CPL 3, never from CPL 3 to CPL 0. It does not start an interrupt shadow and ends NMI
     * blocking (SDM 6.7.1).
     */
    private static void iret(CpuStateBuilder b, Instruction i, Memory m) {
        long f = b.rflags();
        if ((f & Rflags.NT) != 0) throw CpuFault.gp("IRET with RFLAGS.NT=1 is #GP(0) in IA-32e mode (SDM IRET).");
        int size = i.size() == 4 ? 4 : 8;
        long rsp = b.reg(Regs.RSP);
        long rip = m.read(rsp, size);
        int cs = (int) (m.read(rsp + size, size) & 0xFFFF);
        long flags = m.read(rsp + 2L * size, size);
        long newRsp = m.read(rsp + 3L * size, size);
        int ss = (int) (m.read(rsp + 4L * size, size) & 0xFFFF);
        int newCpl = cs & 3;
        if (cs != Selectors.codeFor(newCpl)) {
            throw CpuFault.gp(cs, String.format("IRET popped CS 0x%x, which is not a 64-bit code segment "
                    + "(0x08 or 0x2b): #GP(selector) (SDM IRET).", cs));
        }
        if (newCpl < b.cpl()) {
            throw CpuFault.gp(cs, "IRET cannot return to a more privileged level: #GP(selector) (SDM IRET).");
        }
        String ssProblem = Selectors.stackProblem(ss, newCpl);
        if (ssProblem != null) throw CpuFault.gp(ss, "IRET popped SS: " + ssProblem + " (SDM IRET).");
        long loadable = IRET_CPL0;
        if (b.cpl() > 0) loadable &= ~(Rflags.IOPL | Rflags.VIF | Rflags.VIP);
        if (b.cpl() > Rflags.iopl(f)) loadable &= ~Rflags.IF;
        if (size == 4) flags &= 0xFFFFFFFFL;
        b.rflags((f & ~loadable) | (flags & loadable) | Rflags.FIXED_1);
        b.rip(size == 4 ? rip & 0xFFFFFFFFL : rip);
        b.reg(Regs.RSP, newRsp);
        b.cpl(newCpl);
        b.ss(ss);
        b.nmiBlocked(false);
    }
}
