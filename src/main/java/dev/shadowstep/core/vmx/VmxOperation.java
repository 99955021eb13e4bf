package dev.shadowstep.core.vmx;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;
import dev.shadowstep.core.asm.Operand;
import dev.shadowstep.core.cpu.Activity;
import dev.shadowstep.core.cpu.BareMetal;
import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.DebugRegisterAccess;
import dev.shadowstep.core.cpu.Dr7;
import dev.shadowstep.core.cpu.ExecResult;
import dev.shadowstep.core.cpu.Memory;
import dev.shadowstep.core.cpu.Msr;
import dev.shadowstep.core.cpu.Platform;
import dev.shadowstep.core.cpu.Regs;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.cpu.Selectors;
import dev.shadowstep.core.cpu.Shadow;
import dev.shadowstep.core.cpu.VmExit;
import dev.shadowstep.core.event.BoundaryExit;
import dev.shadowstep.core.event.HostEvent;
import dev.shadowstep.core.event.HostStep;
import dev.shadowstep.core.event.Interruption;
import dev.shadowstep.core.event.RunEnd;
import dev.shadowstep.core.event.Runs;
import dev.shadowstep.core.event.VmcsFields;
import dev.shadowstep.core.event.Vmm;
import dev.shadowstep.core.event.VmmContext;
import java.util.HashMap;
import java.util.Map;

/**
 * Bare metal with VMX: the program itself is the hypervisor (L1). Until VMXON nothing differs from
 * {@link BareMetal}. After it, the program's VMX instructions ({@link VmxInstructions}) manage VMCSs in its
 * own memory, and VMLAUNCH / VMRESUME enter its guest (L2) with the core's one VM-entry path ({@link VmEntry}:
 * the checks of SDM 26.3.1.5, then loading and injection). In VMX non-root operation the guest's exits are
 * the hardware's: CPUID, VMCALL, RDMSR/WRMSR (no MSR bitmaps), every VMX instruction, and, by the
 * controls the program set, HLT, MOV DR, I/O, exceptions in the exception bitmap, NMIs (NMI exiting),
 * external interrupts (external-interrupt exiting), the interrupt and NMI windows. A VM exit saves the
 * guest ({@link VmExits#save}) and loads the host state: RIP = HOST_RIP, RSP = HOST_RSP, RFLAGS = 0x2,
 * DR7 = 0x400, IA32_DEBUGCTL = 0 (SDM 27.5); L1 goes on from there. No EPT: L1 and L2 share the one
 * address space, the IDT, the general registers, DR0-DR3, DR6 and the APIC, as kvm-unit-tests' L1 and L2 do.
 */
public final class VmxOperation implements Vmm {
    /** The VMCS revision identifier of this model's CPU (IA32_VMX_BASIC bits 30:0): a VMXON or VMCS region starts with it. */
    public static final long REVISION_ID = 1;
    /** IA32_VMX_BASIC (0x480): revision 1, 4096-byte regions (bits 44:32), write-back VMCS memory type 6 (bits 53:50). */
    public static final long VMX_BASIC = REVISION_ID | 4096L << 32 | 6L << 50;
    static final int IA32_FEATURE_CONTROL = 0x3A, IA32_VMX_BASIC = 0x480;
    /** IA32_FEATURE_CONTROL: locked (bit 0) with VMXON enabled outside SMX (bit 2). */
    static final long FEATURE_CONTROL = 1 | 1L << 2;
    static final long NO_VMCS = -1L;
    /** What VMLAUNCH or VMRESUME return when their checks pass: the VM entry is this class's to make. */
    static final VmExit ENTRY = new VmExit(-1, 0, 0, 0, 0);

    // The VMX state of the logical processor (SDM 24.1)
    boolean on;
    /** VMXON succeeded once in this run: from then on every step says who runs it. */
    private boolean used;
    boolean nonRoot;
    long vmxonPointer = NO_VMCS;
    long current = NO_VMCS;
    Op entering;
    Memory memory;
    /** The machine, for the state at a boundary (captured at start). */
    private VmmContext machine;
    private final Map<Long, VmcsRegion> regions = new HashMap<>();
    /** L1's NMI blocking while L2 runs: a VM exit keeps it unless an NMI caused the exit (SDM 27.5). */
    private boolean hostNmiBlocked;
    private final Platform platform = new VmxPlatform();

    /** Returns whether CR4.VMXE is 1: the one place VMXON asks (SDM Vol. 3C 23.7, 30.3 VMXON). */
    static boolean cr4Vmxe(CpuState s) {
        return s.cr4Vmxe();
    }

    void enter(long vmxon) {
        on = true;
        used = true;
        vmxonPointer = vmxon;
        current = NO_VMCS;
    }

    void leave() {
        on = false;
        vmxonPointer = NO_VMCS;
    }

    VmcsRegion region(long addr) {
        return regions.computeIfAbsent(addr, a -> new VmcsRegion());
    }

    VmcsRegion currentRegion() {
        return regions.get(current);
    }

    @Override public Platform platform() { return platform; }

    @Override public boolean nativeInterrupts() { return true; }

    @Override public VmcsFields initialFields() { return null; }

    @Override
    public RunEnd start(VmmContext host) {
        memory = host.memory();
        machine = host;
        return null;
    }

    @Override
    public int armedExits() {
        if (!nonRoot) return 0;
        VmcsRegion r = currentRegion();
        long proc = r.get(VmcsField.PROC_CONTROLS);
        int armed = 0;
        if ((proc & Vmcs.NMI_WINDOW_EXITING) != 0) armed |= BoundaryExit.NMI_WINDOW.bit();
        if ((proc & Vmcs.INTERRUPT_WINDOW_EXITING) != 0) armed |= BoundaryExit.INTERRUPT_WINDOW.bit();
        // External-interrupt exiting: a deliverable APIC interrupt exits whatever RFLAGS.IF says (SDM 25.2).
        if ((r.get(VmcsField.PIN_CONTROLS) & EntryControls.PIN_EXTERNAL_INTERRUPT_EXITING) != 0 
                && machine.state().apic().deliverable() >= 0) {
            armed |= BoundaryExit.EXTERNAL_INTERRUPT.bit();
        }
        return armed;
    }

    @Override
    public VmExit boundaryExit(BoundaryExit exit) {
        return switch (exit) {
            case NMI_WINDOW -> new VmExit(ExitReason.NMI_WINDOW.code(), 0, 0, 0, 0);
            case INTERRUPT_WINDOW -> new VmExit(ExitReason.INTERRUPT_WINDOW.code(), 0, 0, 0, 0);
            // without "acknowledge interrupt on exit" the interruption information is invalid: the IRQ stays in IRR
            case EXTERNAL_INTERRUPT -> new VmExit(ExitReason.EXTERNAL_INTERRUPT.code(), 0, 0, 0, 0);
            default -> throw new IllegalStateException("not armed: " + exit);
        };
    }

    /**
     * In VMX non-root operation: an exception whose bit is set in the exception bitmap, an NMI with NMI
     * exiting, an external interrupt with external-interrupt exiting (without "acknowledge interrupt on
     * exit": the interrupt stays pending for L1) cause a VM exit instead of delivery (SDM 25.2). An event
     * the VM entry injected is delivered, never intercepted.
     */
    @Override
    public VmExit intercepts(CpuState s, Interruption e) {
        if (!nonRoot || e.injected()) return null;
        VmcsRegion r = currentRegion();
        long pin = r.get(VmcsField.PIN_CONTROLS);
        return switch (e.source()) {
            case NMI -> (pin & EntryControls.PIN_NMI_EXITING) == 0 ? null : new VmExit(ExitReason.EXCEPTION_NMI.code(), 0,
                    InterruptionInfo.encode(InterruptionInfo.Type.NMI, 2, false), 0, 0);
            case IRQ -> (pin & EntryControls.PIN_EXTERNAL_INTERRUPT_EXITING) == 0 ? null
                    : new VmExit(ExitReason.EXTERNAL_INTERRUPT.code(), 0, 0, 0, 0);
            case INT_N -> null;
            default -> r.toVmcs().intercepts(e.vector()) ? ExceptionExit.of(e) : null;
        };
    }

    @Override
    public RunEnd exit(VmmContext host, VmExit exit) {
        return exit == ENTRY ? vmEntry(host) : vmExit(host, exit);
    }

    /** The VM entry of a VMLAUNCH or VMRESUME whose checks on controls and host state passed. */
    private RunEnd vmEntry(VmmContext host) {
        CpuState l1 = host.state();
        VmcsRegion r = currentRegion();
        String word = entering.name().toLowerCase();
        String bad = GuestRegisterChecks.problem(r);
        if (bad != null) return entryFails(host, r, word, bad, EntryCheckRule.VM_ENTRY);
        CpuState guest = l1.toBuilder().rip(r.get(VmcsField.GUEST_RIP)).reg(Regs.RSP, r.get(VmcsField.GUEST_RSP))
                .rflags(r.get(VmcsField.GUEST_RFLAGS)).dr7(r.get(VmcsField.GUEST_DR7)).debugctl(r.get(VmcsField.GUEST_DEBUGCTL))
                .cpl(0).ss(Selectors.KERNEL_SS).build();
        return switch (VmEntry.enter(r.toVmcs(), guest)) {
            case VmEntry.Failed(CheckFailure f, Vmcs after) -> entryFails(host, r, word, f.check(), f.rule());
            case VmEntry.Entered(CpuState g, Vmcs after, InterruptionInfo injected, String why) -> {
                r.launched = true;
                nonRoot = true;
                hostNmiBlocked = l1.nmiBlocked();
                host.step(new HostStep(HostStep.Kind.VMENTRY, "VM entry (" + word + ")" + (injected == null ? ""
                        : ", injecting " + injected.describe()), "The program's " + word + " enters its guest at GUEST_RIP 0x"
                        + Long.toHexString(g.rip()) + ", loading GUEST_RSP, GUEST_RFLAGS, GUEST_DR7 and GUEST_IA32_DEBUGCTL. "
                        + why, fields(r), null, EntryCheckRule.VM_ENTRY), g);
                if (after.activityState() == Vmcs.SHUTDOWN || after.activityState() == Vmcs.WAIT_FOR_SIPI) {
                    yield new RunEnd(RunEnd.Status.COMPLETED, host.steps(), g, "The guest entered the "
                            + (after.activityState() == Vmcs.SHUTDOWN ? "shutdown" : "wait-for-SIPI")
                            + " activity state; nothing modelled (INIT, SIPI) can make it run.");
                }
                if (injected != null) {
                    host.inject(Injection.toInterruption(injected, g.rip(), after.entryErrorCode(),
                            after.entryInstructionLength(), 0, "VM entry injects " + InterruptionInfo.article(injected.describe())
                                    + injected.describe() + "; the CPU delivers it through the guest IDT before any guest "
                                    + "instruction (SDM 26.6)."));
                }
                yield null;
            }
        };
    }

    /** VM entry fails on the guest state: the CPU loads the host state as a VM exit would (SDM 26.8), reason 0x80000021. */
    private RunEnd entryFails(VmmContext host, VmcsRegion r, String word, String check, EntryCheckRule rule) {
        CpuState l1 = host.state();
        r.put(VmcsField.EXIT_REASON, Vmcs.ENTRY_FAILURE_GUEST_STATE);
        r.put(VmcsField.EXIT_QUALIFICATION, 0);
        host.step(new HostStep(HostStep.Kind.VMENTRY, "VM entry fails: invalid guest state", "The program's " + word
                + " fails the check " + check + ". Nothing of the guest is loaded: the CPU loads the host state, RIP = "
                + "HOST_RIP, and records exit reason 0x80000021 (SDM 26.8).", fields(r),
                new HostEvent.EntryFailed(l1.rip(), "0x80000021", check), rule), loadHost(l1, r, l1.nmiBlocked()));
        return null;
    }

    /** A VM exit of the guest: save it, record why, load the host state; L1 runs on at HOST_RIP. */
    private RunEnd vmExit(VmmContext host, VmExit exit) {
        CpuState g = host.state();
        VmcsRegion r = currentRegion();
        ExitReason reason = ExitReason.of(exit.reason());
        VmExits.Saved saved = VmExits.save(r.toVmcs(), g, exit);
        r.store(saved.vmcs());
        r.put(VmcsField.EXIT_INTR_ERROR_CODE, exit.errorCode());
        r.put(VmcsField.GUEST_RIP, g.rip());
        r.put(VmcsField.GUEST_RSP, g.reg(Regs.RSP));
        r.put(VmcsField.GUEST_RFLAGS, g.rflags());
        r.put(VmcsField.GUEST_DR7, g.dr7());
        r.put(VmcsField.GUEST_DEBUGCTL, g.debugctl());
        nonRoot = false;
        InterruptionInfo info = InterruptionInfo.decode(exit.interruptionInfo());
        boolean byNmi = reason == ExitReason.EXCEPTION_NMI && info.valid() && info.type() == InterruptionInfo.Type.NMI;
        host.step(new HostStep(HostStep.Kind.VMEXIT, "VM exit: " + reason.word(), cause(host, g, reason, info)
                + " (" + reason.word() + ", reason " + reason.code() + String.format(", qualification 0x%x, "
                + "interruption information 0x%x; SDM 25.1, 25.2). The CPU saves the guest (GUEST_RIP 0x%x, interruptibility "
                + "0x%x, pending debug exceptions 0x%x; SDM 27.3) and loads the host state: RIP = HOST_RIP, RSP = HOST_RSP, "
                + "RFLAGS = 0x2, DR7 = 0x400, IA32_DEBUGCTL = 0; DR6 is not saved or loaded (SDM 27.5).",
                exit.qualification(), exit.interruptionInfo(), g.rip(), saved.vmcs().interruptibility(), saved.vmcs().pendingDbg()),
                fields(r), new HostEvent.VmExitEvent(g.rip(), reason.word(), info.valid() ? info.vector() : null,
                        exit.qualification()), EntryCheckRule.VM_EXIT),
                loadHost(saved.guest(), r, byNmi || hostNmiBlocked));
        return null;
    }

    /** Says what made the guest exit: an exception in the bitmap, an NMI or interrupt, a window, or an instruction. */
    private String cause(VmmContext host, CpuState g, ExitReason reason, InterruptionInfo info) {
        String at = host.label(g.rip());
        return switch (reason) {
            case EXCEPTION_NMI -> info.type() == InterruptionInfo.Type.NMI ? "An NMI with NMI exiting causes a VM exit at " + at
                    : "A " + dev.shadowstep.core.event.Vectors.mnemonic(info.vector()) + " in the guest at " + at
                    + " is in the exception bitmap, so it causes a VM exit instead of its delivery";
            case EXTERNAL_INTERRUPT -> "A pending interrupt with external-interrupt exiting causes a VM exit at " + at
                    + "; without \"acknowledge interrupt on exit\" it stays in the IRR for L1";
            case INTERRUPT_WINDOW -> "The interrupt window opens at " + at + " (RFLAGS.IF=1, no shadow) with interrupt-window "
                    + "exiting on: a VM exit before the instruction";
            case NMI_WINDOW -> "NMIs are unblocked at " + at + " with NMI-window exiting on: a VM exit before the instruction";
            default -> "The guest's " + host.name(g.rip()) + " causes a VM exit";
        };
    }

    /** The host state a VM exit loads (SDM 27.5): no shadow, no pending debug exceptions. */
    private static CpuState loadHost(CpuState s, VmcsRegion r, boolean nmiBlocked) {
        return s.toBuilder().rip(r.get(VmcsField.HOST_RIP)).reg(Regs.RSP, r.get(VmcsField.HOST_RSP)).rflags(Rflags.FIXED_1)
                .dr7(Dr7.INIT).debugctl(0).cpl(0).ss(Selectors.KERNEL_SS).shadow(Shadow.NONE).pendingDb(0)
                .activity(Activity.ACTIVE).nmiBlocked(nmiBlocked).build();
    }

    private static VmcsFields fields(VmcsRegion r) {
        return r.toVmcs().fields();
    }

    /** After the first VMXON: the VM entries and exits are L1's (its VMLAUNCH, its HOST_RIP), the guest's steps L2's. */
    @Override
    public Runs runs(boolean vmmStep) {
        if (!used) return null;
        return vmmStep || !nonRoot ? Runs.L1 : Runs.L2;
    }

    @Override public void afterHostAction(VmmContext host) {}

    @Override public boolean ownsHalt() { return false; }

    @Override public boolean canWake(CpuState s) { return false; }

    @Override public RunEnd wakeAndEnter(VmmContext host) { return null; }

    @Override public String haltedForGood(CpuState s) { return ""; }

    /** Bare metal, except for the VMX instructions, the VMX MSRs, and in non-root operation the exits. */
    private final class VmxPlatform implements Platform {
        private final BareMetal metal = new BareMetal();

        private long proc() {
            return currentRegion().get(VmcsField.PROC_CONTROLS);
        }

        private ExecResult exit(ExitReason reason, long qualification, Instruction i) {
            return new ExecResult.Exited(VmExit.instruction(reason.code(), qualification, i.length()));
        }

        @Override public ExecResult cpuid(CpuState s, Instruction i) {
            return nonRoot ? exit(ExitReason.CPUID, 0, i) : metal.cpuid(s, i);
        }

        @Override public ExecResult rdmsr(CpuState s, Instruction i) {
            if (nonRoot) return exit(ExitReason.MSR_READ, 0, i);
            int msr = (int) s.reg(Regs.RCX);
            Long v = msr == IA32_VMX_BASIC ? Long.valueOf(VMX_BASIC) : msr == IA32_FEATURE_CONTROL ? Long.valueOf(FEATURE_CONTROL) : null;
            if (v == null) return metal.rdmsr(s, i);
            return new ExecResult.Retired(s.toBuilder().reg(Regs.RAX, v & 0xFFFFFFFFL).reg(Regs.RDX, v >>> 32)
                    .rip(s.rip() + i.length()).build(), (dev.shadowstep.core.cpu.InstructionRule) null);
        }

        @Override public ExecResult wrmsr(CpuState s, Instruction i) {
            return nonRoot ? exit(ExitReason.MSR_WRITE, 0, i) : metal.wrmsr(s, i);
        }

        @Override public ExecResult hlt(CpuState s, Instruction i) {
            return nonRoot && (proc() & Vmcs.HLT_EXITING) != 0 ? exit(ExitReason.HLT, 0, i) : metal.hlt(s, i);
        }

        @Override public ExecResult in(CpuState s, Instruction i, int port) {
            return nonRoot && (proc() & EntryControls.PROC_UNCONDITIONAL_IO_EXITING) != 0
                    ? exit(ExitReason.IO, ioQualification(i.size(), true, i.src() instanceof Operand.Imm, port), i) : metal.in(s, i, port);
        }

        @Override public ExecResult out(CpuState s, Instruction i, int port, long value) {
            return nonRoot && (proc() & EntryControls.PROC_UNCONDITIONAL_IO_EXITING) != 0
                    ? exit(ExitReason.IO, ioQualification(i.size(), false, i.dst() instanceof Operand.Imm, port), i)
                    : metal.out(s, i, port, value);
        }

        @Override public ExecResult vmcall(CpuState s, Instruction i) {
            return VmxInstructions.vmcall(VmxOperation.this, s, i);
        }

        @Override public ExecResult vmxInstruction(CpuState s, Instruction i) {
            try {
                return VmxInstructions.execute(VmxOperation.this, s, i);
            } catch (CpuFault f) {
                return new ExecResult.Fault(f);
            }
        }

        @Override public ExecResult invalidOpcode(CpuState s, Instruction i, String reason) {
            return metal.invalidOpcode(s, i, reason);
        }

        /** MOV-DR exiting: qualification DR number (2:0), direction (bit 4, 1 = MOV from DR), register (11:8) (SDM Table 27-3). */
        @Override public ExecResult movDr(CpuState s, Instruction i) {
            if (!nonRoot || (proc() & Vmcs.MOV_DR_EXITING) == 0) return null;
            boolean from = i.op() == Op.MOV_FROM_DR;
            Operand.Reg gpr = (Operand.Reg) (from ? i.dst() : i.src());
            return exit(ExitReason.DR_ACCESS, DebugRegisterAccess.drNumber(i) | (from ? 0x10 : 0) | (long) gpr.num() << 8, i);
        }
    }

    /** I/O exit qualification (SDM Table 27-5): size-1 in 2:0, 1 = IN in bit 3, immediate port in bit 6, port in 31:16. */
    public static long ioQualification(int size, boolean in, boolean immediate, int port) {
        return (size - 1) | (in ? 8 : 0) | (immediate ? 0x40 : 0) | (long) port << 16;
    }
}
