package dev.shadowstep.core.kvm;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;
import dev.shadowstep.core.cpu.BareMetal;
import dev.shadowstep.core.cpu.Breakpoints;
import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.ExecResult;
import dev.shadowstep.core.cpu.Executor;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.cpu.Shadow;
import dev.shadowstep.core.event.RunEnd;
import dev.shadowstep.core.event.Vectors;
import dev.shadowstep.core.event.VmmContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * KVM's instruction emulator as the forced-emulation prefix uses it: x86_emulate_instruction with
 * EMULTYPE_TRAP_UD_FORCED (x86.c, emulate.c). The architectural effect of an instruction is the
 * core's; what is KVM's own is here: the code-breakpoint check, the MOV DR checks against the
 * effective DR7, em_sti's unconditional STI shadow and toggle_interruptibility, RF cleared, and
 * the single-step #DB owed when TF was set before the instruction (ctxt->tf). KVM's emulator does
 * not check data breakpoints.
 */
final class Emulator {
    private Emulator() {}

    /** The instructions the model lets KVM's emulator run (64-bit IRET, INT n, INT3 and ICEBP it cannot). */
    private static final Set<Op> EMULATED = EnumSet.of(Op.NOP, Op.STI, Op.CLI, Op.PUSHF, Op.POPF, Op.MOV_FROM_DR,
            Op.MOV_TO_DR, Op.MOV, Op.LEA, Op.PUSH, Op.POP, Op.MOV_FROM_SEG, Op.MOV_TO_SEG, Op.OR, Op.AND, Op.XOR,
            Op.ADD, Op.SUB, Op.CMP, Op.TEST, Op.INC, Op.DEC, Op.JMP, Op.JCC, Op.CALL, Op.RET, Op.LOOP, Op.CPUID,
            Op.RDMSR, Op.WRMSR, Op.HLT, Op.IN, Op.OUT);

    private static final BareMetal METAL = new BareMetal();

    /** Emulates the instruction at RIP (past the KVM_FEP prefix). */
    static Handled x86EmulateInstruction(VmmContext host, Vcpu v) {
        CpuState s = host.state();
        Handled bp = codeBreakpoint(host, v, s);
        if (bp != null) return bp;
        Instruction insn;
        try {
            insn = host.decode(s.rip());
        } catch (CpuFault f) {
            return raise(host, v, f, "fetching the instruction to emulate");
        }
        String text = insn == null ? "the bytes at RIP" : host.name(s.rip());
        if (insn == null) {
            v.queue(CpuFault.UD, -1, 0, QueuedException.Origin.EMULATED, "the emulator could not decode the instruction");
            v.step(host, "x86_emulate_instruction", "x86_decode_emulated_instruction fails on " + text
                    + ": with EMULTYPE_TRAP_UD_FORCED KVM queues #UD for the guest.", s);
            return Handled.RESUME;
        }
        if (!EMULATED.contains(insn.op())) {
            String message = "KVM's emulator cannot emulate " + text + " in 64-bit mode: it queues #UD and reports "
                    + "KVM_EXIT_INTERNAL_ERROR (emulation failure) to userspace, which ends the run.";
            v.step(host, "x86_emulate_instruction", message, s);
            return new Handled.End(RunEnd.Status.UNHANDLED, message);
        }
        boolean tf = (v.guestRflags(s) & Rflags.TF) != 0;
        CpuState work = s.withRflags(v.guestRflags(s));
        Executed done = insn.op() == Op.MOV_FROM_DR || insn.op() == Op.MOV_TO_DR
                ? DebugRegisterEmulation.movDr(v, work, insn) : execute(host, work, insn);
        if (done.fault() != null) return raise(host, v, done.fault(), "emulating " + text);
        if (done.handled() != null) {
            v.step(host, "x86_emulate_instruction", done.why(), s);
            return done.handled();
        }
        return writeback(host, v, s, insn, done, tf, text);
    }

    /** What executing the instruction gave: the raw state and shadow, a fault, or an early end (GD report). */
    record Executed(CpuState raw, Shadow creates, CpuFault fault, Handled handled, String why) {
        static Executed ok(CpuState raw, Shadow creates, String why) { return new Executed(raw, creates, null, null, why); }
        static Executed fault(CpuFault f) { return new Executed(null, null, f, null, null); }
    }

    private static Executed execute(VmmContext host, CpuState s, Instruction insn) {
        ExecResult r = Executor.executeWithoutRetirement(s, insn, host.memory(), METAL);
        return switch (r) {
            case ExecResult.Retired(CpuState next, Shadow creates, var rule) -> Executed.ok(next, creates, own(insn, creates));
            case ExecResult.Fault(CpuFault f, var from) -> Executed.fault(f);
            default -> throw new IllegalStateException(insn.op() + " cannot be emulated here");
        };
    }

    private static String own(Instruction insn, Shadow creates) {
        return switch (insn.op()) {
            case STI -> "em_sti: IF = 1 and ctxt->interruptibility = STI (KVM's emulator records an STI shadow even when "
                    + "IF was already 1, unlike the CPU).";
            case CLI -> "em_cli: IF = 0.";
            case MOV_TO_SEG -> creates == Shadow.MOV_SS
                    ? "MOV to SS: ctxt->interruptibility = MOV SS." : "MOV to a data segment register.";
            case HLT -> "em_hlt: the vCPU halts (kvm_emulate_halt_noskip).";
            default -> "KVM's emulator executes it with the CPU's effect.";
        };
    }

    /**
     * The emulator's writeback (x86_emulate_instruction): toggle_interruptibility with the shadow the
     * instruction asks for, RIP, RF cleared, then the single-step #DB if ctxt->tf (TF before the
     * instruction) or host single-stepping, then RFLAGS.
     */
    private static Handled writeback(VmmContext host, Vcpu v, CpuState s, Instruction insn, Executed done, boolean tf,
                                     String text) {
        Shadow asked = insn.op() == Op.STI ? Shadow.STI : done.creates() == Shadow.MOV_SS ? Shadow.MOV_SS : Shadow.NONE;
        Shadow previous = v.shadow();
        CpuState g = done.raw().withRflags(done.raw().rflags() & ~Rflags.RF);
        if (v.config.has(GuestDebug.SINGLESTEP) && g.rip() == v.singlestepRip) g = g.withRflags(g.rflags() | Rflags.TF);
        StringBuilder why = new StringBuilder("x86_emulate_instruction emulates ").append(text).append(". ")
                .append(done.why()).append(' ');
        Shadow kept = toggleInterruptibility(previous, asked);
        g = v.setInterruptShadow(g, kept);
        why.append(toggleWords(previous, asked, kept));
        why.append(String.format(" RIP = 0x%x, RF cleared.", g.rip()));
        Handled next = Handled.RESUME;
        if (tf || v.config.has(GuestDebug.SINGLESTEP)) {
            String cause = tf ? "ctxt->tf (RFLAGS.TF sampled before the instruction) is 1" : "KVM_GUESTDBG_SINGLESTEP is set";
            Skip.Injected i = Skip.injectEmulatedDb(v, g, Dr6.BS, cause);
            why.append(' ').append(i.why());
            next = i.next();
        }
        v.step(host, "KVM emulates " + insn.op().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                why.toString(), g);
        return next;
    }

    /**
     * toggle_interruptibility: the shadow the emulated instruction leaves. If the previous instruction
     * left the same kind of shadow ("sti; sti", "mov ss; mov ss"), the new one is dropped (x86.c).
     */
    static Shadow toggleInterruptibility(Shadow previous, Shadow asked) {
        return asked != Shadow.NONE && asked == previous ? Shadow.NONE : asked;
    }

    /** toggle_interruptibility in words: "sti; sti" and "mov ss; mov ss" drop the second shadow. */
    private static String toggleWords(Shadow previous, Shadow asked, Shadow kept) {
        if (asked == Shadow.NONE) {
            return previous == Shadow.NONE ? "" : "toggle_interruptibility clears the " + Vcpu.blockingName(previous) + " shadow.";
        }
        if (kept == Shadow.NONE) {
            return "toggle_interruptibility: the previous instruction already left " + Vcpu.blockingName(asked) + " blocking, so this "
                    + "one is dropped (\"sti; sti\" blocks for one instruction only).";
        }
        return "toggle_interruptibility sets " + Vcpu.blockingName(kept) + " blocking in the VMCS interruptibility state.";
    }

    /**
     * kvm_vcpu_check_code_breakpoint: the CPU checked the prefix's RIP, not the emulated instruction's,
     * so KVM checks it. With USE_HW_BP only the host's DR7 counts and a match goes to userspace (v3 patch
     * 4); otherwise a match of the guest's DR7 queues a fault-like #DB, unless RF=1 or MOV SS blocking
     * inhibits it (kvm_is_code_breakpoint_inhibited).
     */
    private static Handled codeBreakpoint(VmmContext host, Vcpu v, CpuState s) {
        long bits = Breakpoints.codeMatchIgnoringSuppression(s);
        if (bits == 0) return null;
        if (v.hostOwnsDebugRegs()) {
            String why = "kvm_vcpu_check_code_breakpoint: the host's DR7 has an instruction breakpoint (" + Dr6.describe(bits)
                    + ") on the emulated instruction: KVM_EXIT_DEBUG before it executes.";
            v.step(host, "kvm_vcpu_check_code_breakpoint", why, s);
            return new Handled.ToUserspace(new DebugExit(CpuFault.DB, s.rip(), Vcpu.reportedDr6(bits), why));
        }
        if (s.flag(Rflags.RF) || v.shadow() == Shadow.MOV_SS) return null;
        v.queue(CpuFault.DB, -1, bits, QueuedException.Origin.EMULATED, "an instruction breakpoint on the emulated instruction");
        v.step(host, "kvm_vcpu_check_code_breakpoint", "kvm_vcpu_check_code_breakpoint: the guest's DR7 has an instruction "
                + "breakpoint (" + Dr6.describe(bits) + ") on the emulated instruction: KVM queues a fault-like #DB before "
                + "emulating it.", s);
        return Handled.RESUME;
    }

    /** A fault raised while emulating: the emulator injects it into the guest (RIP stays at the instruction). */
    private static Handled raise(VmmContext host, Vcpu v, CpuFault f, String what) {
        v.queueFault(f, Vectors.mnemonic(f.vector()) + " raised while " + what);
        v.step(host, "x86_emulate_instruction", "While " + what + ", the emulator raises " + Vectors.mnemonic(f.vector())
                + ": " + f.reason() + " KVM queues it for the guest.", host.state());
        return Handled.RESUME;
    }
}
