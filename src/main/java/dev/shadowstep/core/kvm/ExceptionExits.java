package dev.shadowstep.core.kvm;

import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.cpu.Shadow;
import dev.shadowstep.core.cpu.VmExit;
import dev.shadowstep.core.event.Vectors;
import dev.shadowstep.core.event.VmmContext;
import dev.shadowstep.core.vmx.InterruptionInfo;
import dev.shadowstep.core.vmx.Vmcs;

/** Exit reason 0, "exception or NMI": handle_exception_nmi and handle_ud (vmx.c, x86.c). */
final class ExceptionExits {
    private ExceptionExits() {}

    /** KVM_EMULATE_PREFIX: ud2; .ascii "kvm" (arch/x86/include/asm/emulate_prefix.h). */
    static final byte[] FEP = {0x0f, 0x0b, 'k', 'v', 'm'};

    /** handle_exception_nmi: dispatches on the intercepted vector. */
    static Handled handleExceptionNmi(VmmContext host, Vcpu v, VmExit exit) {
        InterruptionInfo info = InterruptionInfo.decode(exit.interruptionInfo());
        return switch (info.vector()) {
            case CpuFault.UD -> handleUd(host, v);
            case CpuFault.DB -> debugException(host, v, exit, info);
            case CpuFault.BP -> breakpoint(host, v);
            default -> reinject(host, v, info.vector(), info.deliverErrorCode() ? exit.errorCode() : -1);
        };
    }

    /**
     * #DB: when userspace does not debug with SINGLESTEP or USE_HW_BP the #DB is the guest's: ICEBP is
     * skipped (it exits on the instruction itself; skipping also clears STI/MOV SS blocking); otherwise,
     * with TF=1 in an STI or MOV SS shadow, the 2022 fix sets PENDING_DBG.BS, since the exit saved the
     * field as 0; then the #DB is queued with the exit qualification as payload. With SINGLESTEP or
     * USE_HW_BP it is reported to userspace: dr6 = qualification | DR6_ACTIVE_LOW (KVM arch/x86/kvm/vmx/vmx.c).
     */
    private static Handled debugException(VmmContext host, Vcpu v, VmExit exit, InterruptionInfo info) {
        CpuState g = host.state();
        long dr6 = exit.qualification();
        if (v.config.has(GuestDebug.SINGLESTEP) || v.config.has(GuestDebug.USE_HW_BP)) {
            String flag = v.config.has(GuestDebug.SINGLESTEP) ? "KVM_GUESTDBG_SINGLESTEP" : "KVM_GUESTDBG_USE_HW_BP";
            String why = "handle_exception_nmi: #DB (exit qualification " + Dr6.describe(dr6) + ") with " + flag
                    + " set goes to userspace: run->debug.arch.dr6 = qualification | DR6_ACTIVE_LOW, dr7 = GUEST_DR7, pc = RIP.";
            v.step(host, "handle_exception_nmi", why, g);
            return new Handled.ToUserspace(new DebugExit(CpuFault.DB, g.rip(), Vcpu.reportedDr6(dr6), why, g.dr7()));
        }
        if (info.type() == InterruptionInfo.Type.PRIVILEGED_SOFTWARE_EXCEPTION) {
            CpuState after = Skip.skipEmulatedInstruction(v, g, g.rip() + exit.instructionLength());
            v.queue(CpuFault.DB, -1, dr6, QueuedException.Origin.INTERCEPTED, "the ICEBP #DB KVM intercepted");
            v.step(host, "handle_exception_nmi", "handle_exception_nmi: the #DB comes from ICEBP, which exits on the "
                    + "instruction itself: KVM skips it (skip_emulated_instruction, which also clears STI/MOV SS blocking) "
                    + "and queues #DB with an empty payload (ICEBP sets no DR6 cause bit).", after);
            return Handled.RESUME;
        }
        StringBuilder why = new StringBuilder("handle_exception_nmi: #DB with exit qualification ")
                .append(Dr6.describe(dr6)).append(" belongs to the guest. ");
        if (g.flag(Rflags.TF) && v.inShadow()) {
            String shadow = (v.shadow() == Shadow.STI ? "an " : "a ") + Vcpu.blockingName(v.shadow());
            if (v.config.reinjectDbSetsBs()) {
                v.vmcs = v.vmcs.withPendingDbg(v.vmcs.pendingDbg() | Vmcs.PENDING_BS);
                why.append("It came in ").append(shadow).append(" shadow with TF=1: KVM sets PENDING_DBG.BS (fix of 2022, "
                        + "b9bed78e2fa9), because the CPU does not record an intercepted #DB as pending and the VM-entry "
                        + "check demands BS. ");
            } else {
                why.append("It came in ").append(shadow).append(" shadow with TF=1, but without the 2022 fix "
                        + "(fixes.reinject_db_sets_bs: false) KVM leaves PENDING_DBG.BS = 0, as the exit saved it: the VM "
                        + "entry will fail its BS check. ");
            }
        }
        v.queue(CpuFault.DB, -1, dr6, QueuedException.Origin.INTERCEPTED, "the #DB KVM intercepted, payload "
                + Dr6.describe(dr6));
        why.append("KVM re-injects it: kvm_queue_exception_p(DB_VECTOR, ").append(Dr6.describe(dr6)).append(").");
        v.step(host, "handle_exception_nmi", why.toString(), g);
        return Handled.RESUME;
    }

    /** #BP, intercepted only with KVM_GUESTDBG_USE_SW_BP: reported to userspace with pc = the INT3. */
    private static Handled breakpoint(VmmContext host, Vcpu v) {
        CpuState g = host.state();
        String why = "handle_exception_nmi: #BP with KVM_GUESTDBG_USE_SW_BP goes to userspace: pc = RIP of the int3, "
                + "exception 3 (KVM does not write run->debug.arch.dr6 for #BP).";
        v.step(host, "handle_exception_nmi", why, g);
        return new Handled.ToUserspace(new DebugExit(CpuFault.BP, g.rip(), null, why));
    }

    /** Any other intercepted exception (#AC, #MC): KVM re-injects it. */
    private static Handled reinject(VmmContext host, Vcpu v, int vector, int errorCode) {
        v.queue(vector, errorCode, 0, QueuedException.Origin.INTERCEPTED, "the intercepted " + Vectors.mnemonic(vector));
        v.step(host, "handle_exception_nmi", "handle_exception_nmi: KVM re-injects " + Vectors.mnemonic(vector) + ".",
                host.state());
        return Handled.RESUME;
    }

    /**
     * handle_ud: with force_emulation_prefix and the 5 bytes of KVM_FEP at RIP, KVM skips them and
     * emulates the next instruction (EMULTYPE_TRAP_UD_FORCED); otherwise the emulator fails to decode
     * the faulting bytes and KVM queues #UD for the guest.
     */
    static Handled handleUd(VmmContext host, Vcpu v) {
        CpuState g = host.state();
        if (v.config.forcedEmulation() && hasFep(host, g.rip())) {
            CpuState at = g.withRip(g.rip() + FEP.length);
            v.step(host, "handle_ud", String.format("handle_ud: the bytes at RIP are KVM_FEP (ud2; .ascii \"kvm\") and "
                    + "force_emulation_prefix is on: KVM moves RIP past the 5-byte prefix to 0x%x and emulates the "
                    + "instruction there (kvm_emulate_instruction, EMULTYPE_TRAP_UD_FORCED).", at.rip()), at);
            return Emulator.x86EmulateInstruction(host, v);
        }
        String reason = hasFep(host, g.rip()) ? "force_emulation_prefix is off, so the KVM_FEP signature means nothing; "
                : "";
        v.queue(CpuFault.UD, -1, 0, QueuedException.Origin.INTERCEPTED, "the #UD KVM intercepted");
        v.step(host, "handle_ud", "handle_ud: " + reason + "KVM's emulator cannot emulate the faulting bytes, so KVM "
                + "queues #UD for the guest (EMULTYPE_TRAP_UD).", g);
        return Handled.RESUME;
    }

    private static boolean hasFep(VmmContext host, long rip) {
        try {
            for (int i = 0; i < FEP.length; i++) {
                if ((byte) host.memory().read(rip + i, 1) != FEP[i]) return false;
            }
            return true;
        } catch (CpuFault unmapped) {
            return false;
        }
    }
}
