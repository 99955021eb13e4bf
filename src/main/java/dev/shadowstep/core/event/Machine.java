package dev.shadowstep.core.event;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.CpuStateBuilder;
import dev.shadowstep.core.cpu.Dr7;
import dev.shadowstep.core.cpu.ExecResult;
import dev.shadowstep.core.cpu.Executor;
import dev.shadowstep.core.cpu.Memory;
import dev.shadowstep.core.cpu.Platform;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The run loop: at each instruction boundary fire due host actions, ask the
 * {@link BoundaryArbiter}, then deliver, stay halted, or execute the next instruction. Every
 * step goes to the {@link StepListener}; every delivery goes through {@link #deliver}.
 */
public final class Machine {
    private final Memory memory;
    private final Idt idt;
    private final Platform platform;
    private final List<HostAction> actions;
    private final boolean[] fired;
    private final int maxSteps;
    private final StepListener listener;
    private final LongFunction<String> namer;
    private final InstructionCache cache;
    private final CpuStateBuilder scratch = CpuStateBuilder.scratch();
    private CpuState state;
    private int steps;

    /**
     * @param namer names the instruction at an address for explanations, e.g. {@code cli (fep_sti_start)}
     */
    public Machine(MachineSetup setup, Platform platform, StepListener listener, LongFunction<String> namer) {
        this.memory = new Memory(setup.imageBase(), setup.image());
        this.idt = setup.idt();
        this.platform = platform;
        this.actions = setup.hostActions();
        this.fired = new boolean[actions.size()];
        this.maxSteps = setup.maxSteps();
        this.listener = listener;
        this.namer = namer;
        this.cache = new InstructionCache(memory);
        this.state = setup.initial();
    }

    /** Returns guest memory (for inspection after or during a run). */
    public Memory memory() { return memory; }

    /** Returns the current state. */
    public CpuState state() { return state; }

    /** Runs to the end; never throws: an internal failure ends the run with status ERROR. */
    public RunEnd run() {
        try {
            return loop();
        } catch (RuntimeException | StackOverflowError e) {
            StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            return end(RunEnd.Status.ERROR, String.format("Internal error at RIP 0x%x: %s%s (a shadowstep bug; please report it).",
                    state.rip(), e, at == null ? "" : " at " + at));
        }
    }

    private RunEnd loop() {
        while (true) {
            if (steps >= maxSteps) {
                return end(RunEnd.Status.STEP_LIMIT, "The run reached max_steps = " + maxSteps + ".");
            }
            if (firePositionalAction()) continue;
            Decision d = BoundaryArbiter.resolve(state);
            RunEnd end = switch (d.verdict()) {
                case DELIVER -> {
                    Decision e = BoundaryArbiter.explain(state, namer.apply(state.rip()));
                    yield deliver(e.delivery(), false, e.held());
                }
                case STAY_HALTED -> fireWhenHalted() ? null : end(RunEnd.Status.COMPLETED, HaltMessages.completed(state));
                case PROCEED -> executeNext();
            };
            if (end != null) return end;
        }
    }

    private RunEnd executeNext() {
        CpuState s = state;
        Instruction insn;
        ExecResult r;
        try {
            insn = cache.fetch(s.rip());
            memory.log().reset((s.dr7() & 0xFF) != 0 && Dr7.anyDataBreakpoint(s.dr7()));
            r = insn != null ? Executor.execute(s, insn, memory, platform, scratch)
                    : platform.invalidOpcode(s, null, cache.lastInvalidReason());
        } catch (CpuFault f) {
            return deliverRaised(new ExecResult.Fault(f.atCpl(s.cpl())));
        }
        if (r instanceof ExecResult.Retired(CpuState next, var creates)) {
            listener.instruction(s, insn, next);
            state = next;
            steps++;
            return null;
        }
        return deliverRaised(r);
    }

    /** Delivers what an instruction raised: a fault, or a software interrupt / ICEBP. */
    private RunEnd deliverRaised(ExecResult r) {
        Interruption e = switch (r) {
            case ExecResult.Fault(CpuFault f) -> Raised.fromFault(state, f);
            case ExecResult.SoftwareInterrupt si -> Raised.fromSoftwareInterrupt(state, si);
            case ExecResult.Retired ignored -> throw new IllegalStateException("a retired instruction is not a delivery");
        };
        List<String> held = BoundaryArbiter.explain(state, namer.apply(state.rip())).held();
        return deliver(e, true, held);
    }

    /** The one method every delivery goes through (the seam a VMX layer will wrap). */
    private RunEnd deliver(Interruption e, boolean byInstruction, List<String> held) {
        DeliveryResult result = IdtDelivery.deliver(state, memory, idt, e);
        return switch (result) {
            case DeliveryResult.Unhandled(String message) -> end(RunEnd.Status.UNHANDLED, message);
            case DeliveryResult.Delivered(CpuState after) -> {
                listener.delivery(state, after, e, byInstruction, held);
                state = after;
                steps++;
                yield null;
            }
        };
    }

    private boolean firePositionalAction() {
        for (int i = 0; i < fired.length; i++) {
            if (fired[i]) continue;
            boolean due = switch (actions.get(i).trigger()) {
                case HostAction.Trigger.AtAddress(long address) -> address == state.rip();
                case HostAction.Trigger.AtStep(int step) -> steps >= step;
                case HostAction.Trigger.WhenHalted() -> false;
            };
            if (due) {
                fire(i);
                return true;
            }
        }
        return false;
    }

    /**
     * The CPU is halted and nothing pending wakes it. Time still passes for the host: an
     * {@code at_step} action not yet due fires now (earliest first); otherwise a
     * {@code when_halted} action. Returns false when no action is left.
     */
    private boolean fireWhenHalted() {
        int next = -1;
        for (int i = 0; i < fired.length; i++) {
            if (!fired[i] && actions.get(i).trigger() instanceof HostAction.Trigger.AtStep(int step)
                    && (next < 0 || step < ((HostAction.Trigger.AtStep) actions.get(next).trigger()).step())) {
                next = i;
            }
        }
        for (int i = 0; i < fired.length && next < 0; i++) {
            if (!fired[i] && actions.get(i).trigger() instanceof HostAction.Trigger.WhenHalted) next = i;
        }
        if (next < 0) return false;
        fire(next);
        return true;
    }

    private void fire(int i) {
        fired[i] = true;
        HostAction a = actions.get(i);
        CpuState after = a.apply(state);
        listener.host(state, after, a);
        state = after;
        steps++;
    }

    private RunEnd end(RunEnd.Status status, String message) {
        return new RunEnd(status, steps, state, message);
    }

}
