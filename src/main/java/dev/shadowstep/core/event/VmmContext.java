package dev.shadowstep.core.event;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Memory;
import java.util.List;

/** What the {@link Machine} lends a {@link Vmm}: the guest state, its memory, and a way to record host steps. */
public interface VmmContext {

    /** Returns the guest state now. */
    CpuState state();

    /** Records a host-side step that leaves the guest in {@code after}. */
    void step(HostStep step, CpuState after);

    /** Makes {@code e} the event delivered first after the VM entry (VM-entry event injection). */
    void inject(Interruption e);

    /** Returns guest memory. */
    Memory memory();

    /** Returns the instruction at {@code rip}, or null when its bytes are not one; may throw a fetch #PF. */
    Instruction decode(long rip);

    /** Returns a name for the instruction at {@code rip}, e.g. {@code cli (fep_sti_start)}. */
    String name(long rip);

    /** Returns the nearest label for an address, e.g. {@code db_handler+4}. */
    String label(long rip);

    /** Fires a host action that waits for a halt (or a later {@code at_step}); returns false when none is left. */
    boolean fireWhenHalted();

    /** Returns the number of steps so far. */
    int steps();

    /** Returns whether the scenario's host reacts to exits to userspace itself ({@code on_exit} actions). */
    default boolean hostReactsToExits() { return false; }

    /**
     * KVM_RUN returned to userspace with {@code exit} ({@code KVM_EXIT_DEBUG}, ...): counts it and returns the
     * host actions due now, in the scenario's order (each fires once).
     */
    default List<HostAction> exitToUserspace(String exit) { return List.of(); }
}
