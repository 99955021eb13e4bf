package dev.shadowstep.run;

import dev.shadowstep.core.asm.Disassembler;
import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Program;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.CpuStateBuilder;
import dev.shadowstep.core.cpu.InstructionRule;
import dev.shadowstep.core.event.BoundaryArbiter;
import dev.shadowstep.core.event.Decision;
import dev.shadowstep.core.event.VmcsFields;
import dev.shadowstep.trace.Runner;
import dev.shadowstep.trace.State;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Steps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * The steps of a recorded run, each built on demand: the state is rebuilt from the nearest
 * checkpoint (or from the last state rebuilt, when that is nearer, so a pass in step order costs
 * one delta per step), and an instruction's why and held lines are worked out again from the
 * states before and after it (the arbiter and the explanations are pure).
 */
public final class RecordedSteps implements Steps {
    private final StepRecorder r;
    private final Program program;
    private final Map<Long, Program.Line> linesByAddress = new HashMap<>();
    /** The last state rebuilt; replaced whole, so threads that share this object never see half of one. */
    private volatile Cursor cursor;

    /** The state after step {@code index}, and where the values of step {@code index + 1} start. */
    private record Cursor(int index, CpuState after, int nextValue) {}

    public RecordedSteps(StepRecorder recorder, Program program) {
        this.r = recorder;
        this.program = program;
        for (Program.Line line : program.listing()) {
            if (line.line() > 0 && !line.text().isEmpty()) linesByAddress.putIfAbsent(line.address(), line);
        }
    }

    @Override
    public int size() {
        return r.size;
    }

    @Override
    public long retainedBytes() {
        return r.retainedBytes() + 64L * linesByAddress.size();
    }

    @Override
    public Step get(int index) {
        check(index);
        CpuState[] ba = statesAround(index);
        CpuState before = ba[0], after = ba[1];
        long rip = r.rips[index];
        String label = program.symbolAt(rip);
        VmcsFields vmcsBefore = index == 0 ? r.initialVmcs : r.vmcsAt(index - 1);
        VmcsFields vmcs = r.vmcsAt(index);
        List<String> changed = TraceStates.changed(before, after, vmcsBefore, vmcs);
        Step.Kind kind = kindOf(r.kinds[index]);
        if (kind == Step.Kind.INSN) {
            Instruction insn = instructionAt(rip);
            String name = describe(rip, insn);
            InstructionRule rule = (InstructionRule) Rules.of(r.rules[index]);
            Decision boundary = BoundaryArbiter.explain(before, name, r.nativeInterrupts);
            return new Step(index, Step.Kind.INSN, rip, label, name, Step.Where.GUEST, TraceStates.of(after, vmcs, tsc(after, index)), changed,
                    InstructionWhy.explain(rule, before, insn, after, r.nativeInterrupts), boundary.held(), rule.name(),
                    Rules.ids(boundary.heldRules()), writes(index), runs(index, Step.Where.GUEST), r.phaseOf(index));
        }
        StepRecorder.Rare rare = r.rare.get(Arrays.binarySearch(r.rareSteps, 0, r.rare.size(), index));
        // a timer expiry on bare metal is the CPU's own APIC: kind host (it is no guest instruction), where guest
        Step.Where where = kind == Step.Kind.DELIVER || r.kinds[index] == StepRecorder.TIMER ? Step.Where.GUEST : Step.Where.HOST;
        return new Step(index, kind, rip, label, rare.title(), where, TraceStates.of(after, vmcs, tsc(after, index)), changed, rare.why(),
                rare.held(), Rules.of(r.rules[index]).name(), rare.heldRules(), writes(index), runs(index, where), r.phaseOf(index));
    }

    /**
     * Returns who ran step {@code index}: what the VMM said (the program's own VMX: L1 or L2), else the
     * default for {@code where} (the host for host steps, L1 for guest steps).
     */
    private Runner runs(int index, Step.Where where) {
        int code = r.runs[index];
        return code == 0 ? Runner.of(where) : Runner.values()[code - 1];
    }

    /** Returns the memory writes of step {@code index}, in program order; most steps have none. */
    private List<Step.Write> writes(int index) {
        int first = r.firstWrite(index);
        if (first < 0) return List.of();
        List<Step.Write> out = new ArrayList<>();
        for (int w = first; w < r.writeCount && r.writeStep(w) == index; w++) out.add(r.write(w));
        return out;
    }

    @Override
    public Step.Kind kind(int index) {
        check(index);
        return kindOf(r.kinds[index]);
    }

    /** Returns the trace kind of a recorder kind byte; {@link #get} and {@link #kind} both use it. */
    private static Step.Kind kindOf(byte recorded) {
        return switch (recorded) {
            case StepRecorder.INSN -> Step.Kind.INSN;
            case StepRecorder.HOST, StepRecorder.TIMER, StepRecorder.TIMER_KVM -> Step.Kind.HOST;
            case StepRecorder.VMEXIT -> Step.Kind.VMEXIT;
            case StepRecorder.VMENTRY -> Step.Kind.VMENTRY;
            default -> Step.Kind.DELIVER;
        };
    }

    @Override
    public long rip(int index) {
        check(index);
        return r.rips[index];
    }

    @Override
    public State state(int index) {
        check(index);
        CpuState after = statesAround(index)[1];
        return TraceStates.of(after, r.vmcsAt(index), tsc(after, index));
    }

    /** Returns the TSC after step {@code index}, counted only when the state shows the APIC (it is not at reset). */
    private long tsc(CpuState after, int index) {
        return after.apic().x2apic() && after.apic().timer().equals(dev.shadowstep.core.apic.ApicTimer.RESET) ? 0 : r.tscAfter(index);
    }

    private void check(int index) {
        if (index < 0 || index >= r.size) {
            throw new IndexOutOfBoundsException("step " + index + " does not exist: the run has " + r.size + " steps");
        }
    }

    /** Returns the text of the instruction at {@code rip}: the listing line as written, else its disassembly. */
    String describe(long rip, Instruction insn) {
        Program.Line line = linesByAddress.get(rip);
        if (line != null) return line.text();
        return insn == null ? "(unknown)" : Disassembler.format(insn);
    }

    private Instruction instructionAt(long rip) {
        long off = rip - r.imageBase;
        return off >= 0 && off < r.imageInstructions.length ? r.imageInstructions[(int) off] : r.otherInstructions.get(rip);
    }

    /**
     * Returns the states before and after step {@code i}, rebuilt from the checkpoint at or before
     * it, or from the last rebuilt state when that lies between the checkpoint and {@code i}.
     */
    CpuState[] statesAround(int i) {
        int k = i / StepRecorder.CHECKPOINT_EVERY;
        int from = k * StepRecorder.CHECKPOINT_EVERY;
        CpuStateBuilder b;
        int at;
        Cursor c = cursor;
        if (c != null && c.index() < i && c.index() >= from) {
            b = c.after().toBuilder();
            at = c.nextValue();
            from = c.index() + 1;
        } else {
            b = r.checkpoints.get(k).toBuilder();
            at = k == 0 ? 0 : r.checkpointValueStart[k];
        }
        for (int j = from; j < i; j++) {
            at = StateDelta.apply(b, r.masks[j], r.values, at, r.apics);
        }
        CpuState before = b.rip(r.rips[i]).build();
        at = StateDelta.apply(b, r.masks[i], r.values, at, r.apics);
        CpuState after = b.rip(i + 1 < r.size ? r.rips[i + 1] : r.last.rip()).build();
        cursor = new Cursor(i, after, at);
        return new CpuState[] {before, after};
    }
}
