package dev.shadowstep.core.kvm;

import dev.shadowstep.core.cpu.Activity;
import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Platform;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.cpu.Shadow;
import dev.shadowstep.core.cpu.VmExit;
import dev.shadowstep.core.event.BoundaryExit;
import dev.shadowstep.core.event.HostEvent;
import dev.shadowstep.core.event.HostStep;
import dev.shadowstep.core.event.Interruption;
import dev.shadowstep.core.event.RunEnd;
import dev.shadowstep.core.event.Vectors;
import dev.shadowstep.core.event.VmcsFields;
import dev.shadowstep.core.event.Vmm;
import dev.shadowstep.core.event.VmmContext;
import dev.shadowstep.core.vmx.ExceptionExit;
import dev.shadowstep.core.vmx.ExitReason;
import dev.shadowstep.core.vmx.InterruptionInfo;
import dev.shadowstep.core.vmx.Vmcs;
import dev.shadowstep.core.vmx.VmExits;

/**
 * KVM on Intel VMX without APICv (SDM Vol. 3C 26.3.1.5; KVM arch/x86/kvm/vmx/vmx.c): the guest's APIC, NMIs and exceptions
 * pass through KVM, which intercepts #DB, #UD, #AC and #MC (and #BP with KVM_GUESTDBG_USE_SW_BP),
 * emulates the exiting instructions, and injects events on VM entry. One run is one vCPU from its
 * first KVM_RUN: exits, KVM's handlers, exits to userspace (the host, acting as the KVM selftest
 * does) and VM entries appear as host steps.
 */
public final class Kvm implements Vmm {
    /** RESCHEDULE_VECTOR, the IPI kvm_vcpu_kick sends to a CPU running the guest. */
    static final int KICK_VECTOR = 0xfd;

    private final Vcpu vcpu;
    private final KvmPlatform platform;
    private final Vmcs initial;
    /** kvm_vcpu_kick sent its IPI: a host external interrupt is pending until the next VM exit. */
    private boolean kickPending;

    public Kvm(KvmConfig config) {
        long bitmap = 1L << CpuFault.DB | 1L << CpuFault.UD | 1L << 17 | 1L << 18;
        if (config.has(GuestDebug.USE_SW_BP)) bitmap |= 1L << CpuFault.BP;
        long controls = Vmcs.HLT_EXITING | (config.guestDebug().isEmpty() ? 0 : Vmcs.MOV_DR_EXITING)
                | ControlRegisterExits.CR8_EXITING;
        this.initial = Vmcs.EMPTY.withExceptionBitmap(bitmap).withProcControls(controls);
        this.vcpu = new Vcpu(config, initial);
        this.platform = new KvmPlatform(vcpu);
    }

    @Override public Platform platform() { return platform; }

    @Override public boolean nativeInterrupts() { return false; }

    @Override public VmcsFields initialFields() { return initial.fields(); }

    @Override
    public RunEnd start(VmmContext host) {
        CpuState g = host.state();
        vcpu.vmcs = vcpu.vmcs.withInterruptibility(VmExits.interruptibility(g, 0));
        if (!vcpu.config.guestDebug().isEmpty()) {
            if (vcpu.hostOwnsDebugRegs()) {
                for (int n = 0; n < 4; n++) vcpu.guestDb[n] = g.dr(n);
                vcpu.guestDr7 = g.dr7();
            }
            UserspaceDebug.setGuestDebug(host, vcpu, "Userspace calls KVM_SET_GUEST_DEBUG before the first KVM_RUN.");
        }
        return enterGuest(host);
    }

    /** vcpu_enter_guest: inject, the host single-step hack, then the VM entry. Null when the guest runs. */
    private RunEnd enterGuest(VmmContext host) {
        if (host.state().activity() == Activity.HLT) return null;
        EventInjection.kvmCheckAndInjectEvents(host, vcpu);
        if (vcpu.config.has(GuestDebug.SINGLESTEP) && vcpu.inShadow()) {
            String shadow = Vcpu.blockingName(vcpu.shadow());
            CpuState g = vcpu.setInterruptShadow(host.state(), Shadow.NONE);
            vcpu.step(host, "vmx_vcpu_run", "vmx_vcpu_run: KVM_GUESTDBG_SINGLESTEP is set, so KVM clears the " + shadow
                    + " blocking in the VMCS: otherwise the entry would fail the BS check (TF=1 set by KVM, blocking, BS=0). "
                    + "A deliberate deviation from the architecture (Sean Christopherson's \"hack-a-fix\", lore YYFe4LKXiuV+DyZh@google.com).", g);
        }
        return VmEntries.enter(host, vcpu);
    }

    @Override
    public RunEnd exit(VmmContext host, VmExit exit) {
        kickPending = false;  // any exit lets the host take its IPI; KVM looks at every event before it enters again
        CpuState g = host.state();
        ExitReason reason = ExitReason.of(exit.reason());
        VmExits.Saved saved = VmExits.save(vcpu.vmcs.withPreemptionTimerZero(false), g, exit);
        vcpu.vmcs = saved.vmcs();
        InterruptionInfo info = InterruptionInfo.decode(exit.interruptionInfo());
        Integer vector = reason == ExitReason.EXCEPTION_NMI ? info.vector() : null;
        vcpu.step(host, HostStep.Kind.VMEXIT, ExitWords.title(reason, info), ExitWords.why(host, g, reason, exit, info,
                        saved.vmcs()), saved.guest(),
                new HostEvent.VmExitEvent(g.rip(), reason.word(), vector, exit.qualification()));
        Handled h = switch (reason) {
            case EXCEPTION_NMI -> ExceptionExits.handleExceptionNmi(host, vcpu, exit);
            case EXTERNAL_INTERRUPT -> WindowExits.handleExternalInterrupt(host, vcpu);
            case INTERRUPT_WINDOW -> WindowExits.handleInterruptWindow(host, vcpu);
            case NMI_WINDOW -> WindowExits.handleNmiWindow(host, vcpu);
            case PREEMPTION_TIMER -> WindowExits.handleFastpathPreemptionTimer(host, vcpu);
            case CPUID -> InstructionExits.kvmEmulateCpuid(host, vcpu, exit);
            case HLT -> InstructionExits.kvmEmulateHalt(host, vcpu, exit);
            case MSR_READ -> InstructionExits.kvmEmulateRdmsr(host, vcpu, exit);
            case MSR_WRITE -> InstructionExits.kvmEmulateWrmsr(host, vcpu, exit);
            case IO -> InstructionExits.handleIo(host, vcpu, exit);
            case VMCALL -> InstructionExits.kvmEmulateHypercall(host, vcpu, exit);
            case VMLAUNCH, VMRESUME, VMREAD, VMWRITE, VMXON, VMXOFF, VMCLEAR, VMPTRLD, VMPTRST -> InstructionExits.handleVmxInstruction(host, vcpu, reason);
            case DR_ACCESS -> InstructionExits.handleDr(host, vcpu, exit);
            case CR_ACCESS -> ControlRegisterExits.handleCr(host, vcpu, exit);
            case INVALID_GUEST_STATE -> throw new IllegalStateException("an entry failure is not an exit of a running guest");
        };
        return afterHandler(host, h);
    }

    /**
     * What follows a handler: KVM enters the guest again (1), or KVM_RUN returns to userspace (0), which reacts and
     * calls KVM_RUN again (that may complete an I/O instruction, which may report a single step: round again).
     */
    private RunEnd afterHandler(VmmContext host, Handled h) {
        while (true) {
            switch (h) {
                case Handled.End(RunEnd.Status status, String message) -> {
                    return new RunEnd(status, host.steps(), host.state(), message);
                }
                case Handled.Resume r -> {
                    return enterGuest(host);
                }
                case Handled.ToUserspace(DebugExit report) -> {
                    if (Userspace.debug(host, vcpu, report)) return stopped(host);
                    h = Handled.RESUME;
                }
                case Handled.IoToUserspace io -> {
                    if (Userspace.io(host, vcpu, io)) return stopped(host);
                    h = InstructionExits.completePio(host, vcpu, io);
                }
            }
        }
    }

    private static RunEnd stopped(VmmContext host) {
        return new RunEnd(RunEnd.Status.COMPLETED, host.steps(), host.state(), String.format("Userspace stopped after KVM_RUN "
                + "returned (a stop action), with the guest at RIP 0x%x.", host.state().rip()));
    }

    /**
     * The boundary exits KVM armed: the preemption timer armed with 0, NMI-window and interrupt-window
     * exiting from the VMCS, and the host interrupt of a kick (external-interrupt exiting); the
     * BoundaryArbiter ranks them below the debug traps of the previous instruction.
     */
    @Override
    public int armedExits() {
        Vmcs v = vcpu.vmcs;
        int armed = 0;
        if (v.preemptionTimerZero()) armed |= BoundaryExit.PREEMPTION_TIMER.bit();
        if (v.control(Vmcs.NMI_WINDOW_EXITING)) armed |= BoundaryExit.NMI_WINDOW.bit();
        if (v.control(Vmcs.INTERRUPT_WINDOW_EXITING)) armed |= BoundaryExit.INTERRUPT_WINDOW.bit();
        if (kickPending) armed |= BoundaryExit.EXTERNAL_INTERRUPT.bit();
        return armed;
    }

    @Override
    public VmExit boundaryExit(BoundaryExit exit) {
        return switch (exit) {
            case PREEMPTION_TIMER -> new VmExit(ExitReason.PREEMPTION_TIMER.code(), 0, 0, 0, 0);
            case NMI_WINDOW -> new VmExit(ExitReason.NMI_WINDOW.code(), 0, 0, 0, 0);
            case INTERRUPT_WINDOW -> new VmExit(ExitReason.INTERRUPT_WINDOW.code(), 0, 0, 0, 0);
            case EXTERNAL_INTERRUPT -> new VmExit(ExitReason.EXTERNAL_INTERRUPT.code(), 0,
                    InterruptionInfo.encode(InterruptionInfo.Type.EXTERNAL_INTERRUPT, KICK_VECTOR, false), 0, 0);
        };
    }

    /** The exception bitmap: #DB (all kinds, ICEBP included), #UD, #AC, #MC, and #BP with USE_SW_BP. */
    @Override
    public VmExit intercepts(CpuState s, Interruption e) {
        int vector = e.vector();
        if (e.injected() || !vcpu.vmcs.intercepts(vector)) return null;
        // INT n, external interrupts and NMIs are not exceptions: the exception bitmap does not cover them (SDM 25.2).
        return ExceptionExit.of(e);
    }

    /**
     * A host action made an IRQ or NMI pending while the guest runs: kvm_vcpu_kick sends an IPI, a host
     * external interrupt that makes the guest exit at its priority ({@link #boundaryExit}).
     */
    @Override
    public void afterHostAction(VmmContext host) {
        CpuState s = host.state();
        if (s.activity() == Activity.ACTIVE && (s.apic().deliverable() >= 0 || s.nmiPending())) kickPending = true;
    }

    @Override public boolean ownsHalt() { return true; }

    @Override public boolean runsFromUserspace() { return true; }

    /** kvm_vcpu_has_events: a queued exception, an NMI that is allowed, or an IRQ the guest can take (IF=1). */
    @Override
    public boolean canWake(CpuState s) {
        return wakeReason(s) != null;
    }

    private String wakeReason(CpuState s) {
        if (vcpu.exception != null) return "the queued " + Vectors.mnemonic(vcpu.exception.vector());
        if (s.nmiPending() && EventInjection.nmiAllowed(vcpu, s)) return "a pending NMI";
        int irq = s.apic().deliverable();
        if (irq >= 0 && EventInjection.interruptAllowed(vcpu, s)) return "IRQ 0x" + Integer.toHexString(irq) + " (IF=1)";
        return null;
    }

    @Override
    public RunEnd wakeAndEnter(VmmContext host) {
        CpuState s = host.state();
        String reason = wakeReason(s);
        vcpu.vmcs = vcpu.vmcs.withActivityState(Vmcs.ACTIVE);
        vcpu.step(host, "kvm_vcpu_block", "kvm_vcpu_block returns: kvm_vcpu_has_events sees " + reason
                + ", so the halted vCPU becomes runnable (mp_state HALTED -> RUNNABLE).", s.withActivity(Activity.ACTIVE));
        return enterGuest(host);
    }

    @Override
    public String haltedForGood(CpuState s) {
        StringBuilder m = new StringBuilder(String.format("The vCPU is halted in KVM (kvm_vcpu_block, RIP 0x%x) and nothing "
                + "can wake it: no queued exception, no NMI, and ", s.rip()));
        int v = s.apic().highestRequest();
        if (v < 0) {
            m.append("no IRQ pending.");
        } else {
            m.append(String.format("IRQ 0x%x cannot be taken (%s).", v, !s.flag(Rflags.IF) ? "IF=0"
                    : "its priority is not above the processor priority"));
        }
        if (vcpu.config.has(GuestDebug.BLOCKIRQ) && v >= 0) m.append(" KVM_GUESTDBG_BLOCKIRQ keeps it from being injected.");
        return m.toString();
    }
}
