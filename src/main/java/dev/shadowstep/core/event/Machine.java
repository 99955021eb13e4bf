package dev.shadowstep.core.event;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.cpu.Activity;
import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.CpuStateBuilder;
import dev.shadowstep.core.cpu.Dr7;
import dev.shadowstep.core.cpu.ExecResult;
import dev.shadowstep.core.cpu.Executor;
import dev.shadowstep.core.cpu.InstructionRule;
import dev.shadowstep.core.cpu.Memory;
import dev.shadowstep.core.cpu.Platform;
import dev.shadowstep.core.cpu.VmExit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The run loop: at each instruction boundary fire due host actions, ask the
 * {@link BoundaryArbiter}, then deliver, stay halted, or execute the next instruction. Every
 * step goes to the {@link StepListener}; every delivery goes through {@link #deliver}. With a
 * {@link Vmm} the guest runs in VMX non-root operation: the VMM is asked where hardware would
 * take a VM exit, and handles the exits.
 */
public final class Machine {
    private final Memory memory;
    private final Idt idt;
    private final Platform platform;
    private final Vmm vmm;
    private final boolean nativeInterrupts;
    private final List<HostAction> actions;
    private final boolean[] fired;
    private final int maxSteps;
    private final StepListener listener;
    private final LongFunction<String> namer;
    private final LongFunction<String> labels;
    private final InstructionCache cache;
    private final CpuStateBuilder scratch = CpuStateBuilder.scratch();
    private final VmmContext context = new Context();
    private CpuState state;
    private Interruption injection;
    private int steps;
    /** Returns of KVM_RUN to userspace so far, in all and by exit reason (on_exit actions count them). */
    private int userspaceExits;
    private final Map<String, Integer> userspaceExitsOf = new HashMap<>();

    /**
     * A machine on bare metal.
     *
     * @param namer names the instruction at an address for explanations, e.g. {@code cli (fep_sti_start)}
     */
    public Machine(MachineSetup setup, Platform platform, StepListener listener, LongFunction<String> namer) {
        this(setup, platform, null, listener, namer, Long::toHexString);
    }

    /**
     * A machine whose guest runs under {@code vmm}.
     *
     * @param labels names an address by its nearest label, e.g. {@code db_handler+4}
     */
    public Machine(MachineSetup setup, Vmm vmm, StepListener listener, LongFunction<String> namer,
                   LongFunction<String> labels) {
        this(setup, vmm.platform(), vmm, listener, namer, labels);
    }

    private Machine(MachineSetup setup, Platform platform, Vmm vmm, StepListener listener, LongFunction<String> namer,
                    LongFunction<String> labels) {
        this.memory = new Memory(setup.imageBase(), setup.image());
        memory.onWrite(listener::written);
        this.idt = setup.idt();
        this.platform = platform;
        this.vmm = vmm;
        this.nativeInterrupts = vmm == null || vmm.nativeInterrupts();
        this.actions = setup.hostActions();
        this.fired = new boolean[actions.size()];
        this.maxSteps = setup.maxSteps();
        this.listener = listener;
        this.namer = namer;
        this.labels = labels;
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
        if (vmm != null) {
            RunEnd end = vmm.start(context);
            if (end != null) return end;
        }
        while (true) {
            if (steps >= maxSteps) {
                return end(RunEnd.Status.STEP_LIMIT, "The run reached max_steps = " + maxSteps + ".");
            }
            RunEnd end = boundary();
            if (end != null) return end;
        }
    }

    /** One instruction boundary: returns null to go on, or how the run ended. */
    private RunEnd boundary() {
        if (injection != null) {
            // The injected event is part of the VM entry (SDM 26.6): delivered before anything else, and
            // before a host action can make the guest exit (there is no guest boundary in between).
            Interruption e = injection;
            injection = null;
            return deliver(e, false, List.of());
        }
        if (firePositionalAction()) {
            if (vmm != null) vmm.afterHostAction(context);
            return null;
        }
        if (timerDue()) return null;
        if (vmm != null && vmm.ownsHalt() && state.activity() == Activity.HLT) {
            if (vmm.canWake(state)) return vmm.wakeAndEnter(context);
            if (jumpToTimer() || fireWhenHalted()) return null;
            return end(RunEnd.Status.COMPLETED, vmm.haltedForGood(state));
        }
        Decision d = BoundaryArbiter.resolve(state, nativeInterrupts, vmm == null ? 0 : vmm.armedExits());
        return switch (d.verdict()) {
            case VM_EXIT -> vmm.exit(context, vmm.boundaryExit(d.exit()));
            case DELIVER -> {
                Decision e = BoundaryArbiter.explain(state, namer.apply(state.rip()), nativeInterrupts);
                yield deliverOrExit(e.delivery(), false, e.held());
            }
            case STAY_HALTED -> jumpToTimer() || fireWhenHalted() ? null : end(RunEnd.Status.COMPLETED, HaltMessages.completed(state));
            case PROCEED -> executeNext();
        };
    }

    private RunEnd executeNext() {
        CpuState s = state;
        Instruction insn;
        ExecResult r;
        try {
            insn = cache.fetch(s.rip());
            memory.log().reset(Dr7.anyDataBreakpoint(s.dr7()));
            r = insn != null ? Executor.execute(s, insn, memory, platform, scratch)
                    : platform.invalidOpcode(s, null, cache.lastInvalidReason());
        } catch (CpuFault f) {
            return deliverRaised(new ExecResult.Fault(f.atCpl(s.cpl())));
        }
        if (r instanceof ExecResult.Retired(CpuState next, var creates, InstructionRule rule)) {
            memory.countRetired();
            listener.instruction(s, insn, next, rule);
            state = next;
            steps++;
            return null;
        }
        if (r instanceof ExecResult.Exited(VmExit exit)) {
            return vmm.exit(context, exit);
        }
        return deliverRaised(r);
    }

    /** Delivers what an instruction raised: a fault, or a software interrupt / ICEBP. */
    private RunEnd deliverRaised(ExecResult r) {
        if (r instanceof ExecResult.Fault fault) state = fault.from(state);
        Interruption e = switch (r) {
            case ExecResult.Fault(CpuFault f, var from) -> Raised.fromFault(state, f);
            case ExecResult.SoftwareInterrupt si -> Raised.fromSoftwareInterrupt(state, si);
            case ExecResult.Retired ignored -> throw new IllegalStateException("a retired instruction is not a delivery");
            case ExecResult.Exited ignored -> throw new IllegalStateException("a VM exit is not a delivery");
        };
        List<String> held = BoundaryArbiter.explain(state, namer.apply(state.rip()), nativeInterrupts).held();
        return deliverOrExit(e, true, held);
    }

    /** Delivers {@code e} in the guest, unless the VMM intercepts it (exception bitmap): then the VM exit. */
    private RunEnd deliverOrExit(Interruption e, boolean byInstruction, List<String> held) {
        if (vmm != null) {
            VmExit exit = vmm.intercepts(state, e);
            if (exit != null) return vmm.exit(context, exit);
        }
        return deliver(e, byInstruction, held);
    }

    /** The one method every delivery through the IDT goes through. */
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
    /** Fires the APIC timer when the TSC has reached its expiry (SDM 11.5.4); returns whether it did. */
    private boolean timerDue() {
        long at = state.apic().timer().nextExpiry();
        if (at < 0 || memory.tsc() < at) return false;
        fireTimer(memory.tsc());
        return true;
    }

    /**
     * The CPU is halted and nothing pending wakes it: when the timer is armed and its expiry would
     * request a new interrupt (not masked, a legal vector not already in the IRR), time jumps to
     * the expiry and the timer fires, so HLT wakes on the timer. Returns whether it did.
     */
    private boolean jumpToTimer() {
        var t = state.apic().timer();
        long at = t.nextExpiry();
        if (at < 0 || t.masked() || t.vector() < 16 || state.apic().irr().contains(t.vector())) return false;
        fireTimer(Math.max(at, memory.tsc()));
        return true;
    }

    /** The timer expires at TSC {@code now}: one step; under a VMM (KVM's lapic timer) the vCPU is kicked. */
    private void fireTimer(long now) {
        long from = memory.tsc();
        memory.advanceTo(now);
        CpuState after = state.withApic(state.apic().timerExpired(now));
        listener.timer(state, after, new TimerExpiry(now, from, state.apic().timer(), !nativeInterrupts));
        state = after;
        steps++;
        if (vmm != null) vmm.afterHostAction(context);
    }

    private boolean firePositionalAction() {
        for (int i = 0; i < fired.length; i++) {
            if (fired[i]) continue;
            boolean due = switch (actions.get(i).trigger()) {
                case HostAction.Trigger.AtAddress(long address) -> address == state.rip();
                case HostAction.Trigger.AtStep(int step) -> steps >= step;
                case HostAction.Trigger.WhenHalted() -> false;
                case HostAction.Trigger.OnExit o -> false;  // the VMM fires these when KVM_RUN returns
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

    /** The machine as a {@link Vmm} sees it. */
    private final class Context implements VmmContext {
        @Override public CpuState state() { return state; }

        @Override public void step(HostStep step, CpuState after) {
            listener.vmm(state, after, step);
            state = after;
            steps++;
        }

        @Override public void inject(Interruption e) { injection = e; }

        @Override public Memory memory() { return memory; }

        @Override public Instruction decode(long rip) { return cache.fetch(rip); }

        @Override public String name(long rip) { return namer.apply(rip); }

        @Override public String label(long rip) { return labels.apply(rip); }

        @Override public boolean fireWhenHalted() { return Machine.this.fireWhenHalted(); }

        @Override public int steps() { return steps; }

        @Override public boolean hostReactsToExits() {
            for (HostAction a : actions) {
                if (a.trigger() instanceof HostAction.Trigger.OnExit) return true;
            }
            return false;
        }

        @Override public List<HostAction> exitToUserspace(String exit) {
            userspaceExits++;
            int nth = userspaceExitsOf.merge(exit, 1, Integer::sum);
            List<HostAction> due = new ArrayList<>();
            for (int i = 0; i < fired.length; i++) {
                if (!fired[i] && actions.get(i).trigger() instanceof HostAction.Trigger.OnExit(String e, int n)
                        && (e == null ? n == userspaceExits : e.equals(exit) && n == nth)) {
                    fired[i] = true;
                    due.add(actions.get(i));
                }
            }
            return due;
        }
    }

}
