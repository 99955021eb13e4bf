package dev.shadowstep.core.event;

import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Platform;
import dev.shadowstep.core.cpu.VmExit;

/**
 * The seam between the {@link Machine} and a virtual-machine monitor: with one, the guest runs in
 * VMX non-root operation and some of its events and instructions become VM exits, which the VMM
 * handles before it enters the guest again. The machine asks at the points where hardware would
 * decide (SDM Vol. 3 25.1, 25.2, 27.1); the VMM records its own steps through the {@link VmmContext}.
 */
public interface Vmm {

    /** Returns the platform guest instructions run on: it turns exiting instructions into VM exits. */
    Platform platform();

    /** Returns whether the CPU takes APIC interrupts and NMIs itself; false when only the VMM injects them. */
    boolean nativeInterrupts();

    /** Returns the VMCS fields before the first step, for the trace. */
    VmcsFields initialFields();

    /** The run begins in the host: the first VM entry. Returns null when the guest runs, else how the run ended. */
    RunEnd start(VmmContext host);

    /**
     * Returns the boundary VM exits armed now, a mask of {@link BoundaryExit#bit()}s (0 for none); the
     * {@link BoundaryArbiter} decides whether one is taken. Called at every boundary: keep it cheap.
     */
    int armedExits();

    /** Returns the VM exit {@code exit}, which the arbiter took at this boundary. */
    VmExit boundaryExit(BoundaryExit exit);

    /** Returns the VM exit that delivering {@code e} in the guest causes instead (exception bitmap), or null. */
    VmExit intercepts(CpuState s, Interruption e);

    /** Handles a VM exit and enters the guest again. Returns null when the guest runs, else how the run ended. */
    RunEnd exit(VmmContext host, VmExit exit);

    /** A host action fired while the guest runs (it may need a kick). */
    void afterHostAction(VmmContext host);

    /** Returns whether the VMM, not the CPU, holds the vCPU while it is halted (KVM emulates HLT). */
    boolean ownsHalt();

    /** Returns whether an event can wake the vCPU halted in the VMM now. */
    boolean canWake(CpuState s);

    /** Wakes the vCPU halted in the VMM and enters the guest. Returns null when the guest runs, else how the run ended. */
    RunEnd wakeAndEnter(VmmContext host);

    /** Returns the message of a run that ends with the vCPU halted in the VMM for good. */
    String haltedForGood(CpuState s);

    /**
     * Returns who executes the step being recorded, or null to leave it to the trace's default (a guest
     * step is L1's, a host step the host's). {@code vmmStep}: a step this VMM recorded (a VM entry or exit).
     */
    default Runs runs(boolean vmmStep) {
        return null;
    }

    /** Returns whether userspace runs the guest with KVM_RUN calls, so that each step belongs to one (its phase). */
    default boolean runsFromUserspace() { return false; }
}
