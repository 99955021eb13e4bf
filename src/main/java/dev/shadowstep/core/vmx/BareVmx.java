package dev.shadowstep.core.vmx;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.cpu.BareMetal;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.ExecResult;
import dev.shadowstep.core.cpu.Platform;
import dev.shadowstep.core.cpu.VmExit;
import dev.shadowstep.core.event.BoundaryExit;
import dev.shadowstep.core.event.HostEvent;
import dev.shadowstep.core.event.HostStep;
import dev.shadowstep.core.event.Interruption;
import dev.shadowstep.core.event.RunEnd;
import dev.shadowstep.core.event.VmcsFields;
import dev.shadowstep.core.event.Vmm;
import dev.shadowstep.core.event.VmmContext;

/**
 * {@code kind: vmx}: VMX without a VMM. The scenario writes the guest non-register state, the run
 * starts with that VM entry (checks first), and the guest then runs natively: no exception is
 * intercepted, its APIC is its own. CPUID and VMCALL exit unconditionally and HLT exits (HLT
 * exiting); with nobody to handle the exit, the run ends there.
 */
public final class BareVmx implements Vmm {
    private final Vmcs initial;
    private final Platform platform = new ExitingPlatform();

    /** @param initial the VMCS as the scenario wrote it */
    public BareVmx(Vmcs initial) {
        this.initial = initial.withProcControls(Vmcs.HLT_EXITING);
    }

    @Override public Platform platform() { return platform; }

    @Override public boolean nativeInterrupts() { return true; }

    @Override public VmcsFields initialFields() { return initial.fields(); }

    @Override
    public RunEnd start(VmmContext host) {
        CpuState g = host.state();
        return switch (VmEntry.enter(initial, g)) {
            case VmEntry.Failed(CheckFailure f, Vmcs after) -> {
                host.step(new HostStep(HostStep.Kind.VMENTRY, "VM entry fails: invalid guest state",
                        "VMLAUNCH checks the guest state the scenario wrote and fails: " + f.check()
                                + ". The entry loads nothing and reports exit reason 0x80000021 (SDM 26.8).",
                        after.fields(), new HostEvent.EntryFailed(g.rip(), "0x80000021", f.check()), f.rule()), g);
                yield new RunEnd(RunEnd.Status.VMENTRY_FAILED, host.steps(), g, "VM entry failed: " + f.check() + ".");
            }
            case VmEntry.Entered(CpuState guest, Vmcs after, InterruptionInfo injected, String why) -> {
                host.step(new HostStep(HostStep.Kind.VMENTRY, injected == null ? "VM entry" : "VM entry, injecting "
                        + injected.describe(), "VMLAUNCH with the guest state the scenario wrote. " + why,
                        after.fields(), null), guest);
                if (after.activityState() == Vmcs.SHUTDOWN || after.activityState() == Vmcs.WAIT_FOR_SIPI) {
                    yield new RunEnd(RunEnd.Status.COMPLETED, host.steps(), guest, "The guest entered the "
                            + (after.activityState() == Vmcs.SHUTDOWN ? "shutdown" : "wait-for-SIPI")
                            + " activity state; nothing modelled (INIT, SIPI) can make it run.");
                }
                if (injected != null) {
                    host.inject(Injection.toInterruption(injected, guest.rip(), after.entryErrorCode(),
                            lengthAt(host, guest.rip(), injected), 0, "VM entry injects " + InterruptionInfo.article(injected.describe()) + injected.describe()
                                    + "; the CPU delivers it through the guest IDT before any guest instruction (SDM 26.6)."));
                }
                yield null;
            }
        };
    }

    /** Software interrupts and exceptions push RIP plus the instruction length: the instruction at RIP. */
    private static int lengthAt(VmmContext host, long rip, InterruptionInfo info) {
        boolean software = switch (info.type()) {
            case SOFTWARE_INTERRUPT, SOFTWARE_EXCEPTION, PRIVILEGED_SOFTWARE_EXCEPTION -> true;
            default -> false;
        };
        if (!software) return 0;
        Instruction i = host.decode(rip);
        return i == null ? 0 : i.length();
    }

    @Override public int armedExits() { return 0; }

    @Override public VmExit boundaryExit(BoundaryExit exit) {
        throw new IllegalStateException("bare VMX arms no boundary exit: " + exit);
    }

    @Override public VmExit intercepts(CpuState s, Interruption e) { return null; }

    @Override
    public RunEnd exit(VmmContext host, VmExit exit) {
        CpuState g = host.state();
        ExitReason reason = ExitReason.of(exit.reason());
        VmExits.Saved saved = VmExits.save(initial, g, exit);
        host.step(new HostStep(HostStep.Kind.VMEXIT, "VM exit: " + reason.word(), "The guest's "
                + host.name(g.rip()) + " causes a VM exit (" + reason.word() + ", reason " + reason.code() + "; "
                + (reason == ExitReason.HLT ? "HLT exiting is on" : "it always exits in VMX non-root operation")
                + ", SDM 25.1).", saved.vmcs().fields(),
                new HostEvent.VmExitEvent(g.rip(), reason.word(), null, exit.qualification())), saved.guest());
        return new RunEnd(RunEnd.Status.COMPLETED, host.steps(), saved.guest(), "VM exit (" + reason.word()
                + ") at RIP 0x" + Long.toHexString(g.rip()) + "; kind: vmx has no VMM to handle it, so the run ends here.");
    }

    @Override public void afterHostAction(VmmContext host) {}

    @Override public boolean ownsHalt() { return false; }

    @Override public boolean canWake(CpuState s) { return false; }

    @Override public RunEnd wakeAndEnter(VmmContext host) { return null; }

    @Override public String haltedForGood(CpuState s) { return ""; }

    /** The bare-metal platform, except for the instructions that exit. */
    private static final class ExitingPlatform implements Platform {
        private final BareMetal metal = new BareMetal();

        @Override public ExecResult cpuid(CpuState s, Instruction i) {
            return new ExecResult.Exited(VmExit.instruction(ExitReason.CPUID.code(), 0, i.length()));
        }

        @Override public ExecResult vmcall(CpuState s, Instruction i) {
            return new ExecResult.Exited(VmExit.instruction(ExitReason.VMCALL.code(), 0, i.length()));
        }

        @Override public ExecResult vmxInstruction(CpuState s, Instruction i) {
            ExitReason reason = ExitReason.ofVmxInstruction(i.op());
            return new ExecResult.Exited(VmExit.instruction(reason.code(), 0, i.length()));
        }

        @Override public ExecResult hlt(CpuState s, Instruction i) {
            return new ExecResult.Exited(VmExit.instruction(ExitReason.HLT.code(), 0, i.length()));
        }

        @Override public ExecResult rdmsr(CpuState s, Instruction i) { return metal.rdmsr(s, i); }

        @Override public ExecResult wrmsr(CpuState s, Instruction i) { return metal.wrmsr(s, i); }

        @Override public ExecResult rdmsr(CpuState s, Instruction i, long tsc) { return metal.rdmsr(s, i, tsc); }

        @Override public ExecResult wrmsr(CpuState s, Instruction i, long tsc) { return metal.wrmsr(s, i, tsc); }

        @Override public ExecResult in(CpuState s, Instruction i, int port) { return metal.in(s, i, port); }

        @Override public ExecResult out(CpuState s, Instruction i, int port, long value) {
            return metal.out(s, i, port, value);
        }

        @Override public ExecResult invalidOpcode(CpuState s, Instruction i, String reason) {
            return metal.invalidOpcode(s, i, reason);
        }
    }
}
