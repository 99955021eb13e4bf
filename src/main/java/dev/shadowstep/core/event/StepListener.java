package dev.shadowstep.core.event;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.InstructionRule;
import java.util.List;

/** Receives every step of a run, in order. */
public interface StepListener {

    /**
     * An instruction retired, following {@code rule} (returned by its executor family and {@code
     * Retirement}). Called for every instruction: keep it cheap.
     */
    void instruction(CpuState before, Instruction insn, CpuState after, InstructionRule rule);

    /**
     * An event was delivered through the IDT.
     *
     * @param byInstruction the instruction at {@code before.rip()} raised it (a fault, INT n, INT3, ICEBP)
     * @param held          the events held at this boundary, with reasons
     */
    void delivery(CpuState before, CpuState after, Interruption event, boolean byInstruction, List<String> held);

    /** A host action fired. */
    void host(CpuState before, CpuState after, HostAction action);

    /** The local APIC timer expired at a boundary ({@code after} has the LVT vector in its IRR unless masked). */
    default void timer(CpuState before, CpuState after, TimerExpiry expiry) {}

    /** A VMM step: a VM exit, the VMM's work, a VM entry or an exit to userspace. */
    default void vmm(CpuState before, CpuState after, HostStep step) {}

    /**
     * Guest memory was written ({@code size} bytes at {@code address}, {@code old} replaced by
     * {@code value}): called during the step that the next call above reports, before it.
     */
    default void written(long address, int size, long old, long value) {}

    /** Returns a listener that ignores everything. */
    static StepListener none() {
        return new StepListener() {
            @Override public void instruction(CpuState before, Instruction insn, CpuState after, InstructionRule rule) {}
            @Override public void delivery(CpuState b, CpuState a, Interruption e, boolean i, List<String> h) {}
            @Override public void host(CpuState before, CpuState after, HostAction action) {}
        };
    }
}
