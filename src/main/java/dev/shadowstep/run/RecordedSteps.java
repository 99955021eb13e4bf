package dev.shadowstep.run;

import dev.shadowstep.core.asm.Disassembler;
import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Program;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.CpuStateBuilder;
import dev.shadowstep.core.event.BoundaryArbiter;
import dev.shadowstep.core.event.VmcsFields;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Steps;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * The steps of a recorded run, each built on demand: the state is rebuilt from the nearest
 * checkpoint, and an instruction's why and held lines are worked out again from the states
 * before and after it (the arbiter and the explanations are pure).
 */
public final class RecordedSteps implements Steps {
    private final StepRecorder r;
    private final Program program;
    private final Map<Long, Program.Line> linesByAddress = new HashMap<>();

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
    public Step get(int index) {
        if (index < 0 || index >= r.size) {
            throw new IndexOutOfBoundsException("step " + index + " does not exist: the run has " + r.size + " steps");
        }
        CpuState[] ba = statesAround(index);
        CpuState before = ba[0], after = ba[1];
        long rip = r.rips[index];
        String label = program.symbolAt(rip);
        VmcsFields vmcsBefore = index == 0 ? r.initialVmcs : r.vmcsAt(index - 1);
        VmcsFields vmcs = r.vmcsAt(index);
        List<String> changed = TraceStates.changed(before, after, vmcsBefore, vmcs);
        if (r.kinds[index] == StepRecorder.INSN) {
            Instruction insn = instructionAt(rip);
            String name = describe(rip, insn);
            return new Step(index, Step.Kind.INSN, rip, label, name, Step.Where.GUEST, TraceStates.of(after, vmcs), changed,
                    InstructionWhy.explain(before, insn, after, name, r.nativeInterrupts),
                    BoundaryArbiter.explain(before, name, r.nativeInterrupts).held());
        }
        StepRecorder.Rare rare = r.rare.get(Arrays.binarySearch(r.rareSteps, 0, r.rare.size(), index));
        Step.Kind kind = switch (r.kinds[index]) {
            case StepRecorder.HOST -> Step.Kind.HOST;
            case StepRecorder.VMEXIT -> Step.Kind.VMEXIT;
            case StepRecorder.VMENTRY -> Step.Kind.VMENTRY;
            default -> Step.Kind.DELIVER;
        };
        return new Step(index, kind, rip, label, rare.title(), kind == Step.Kind.DELIVER ? Step.Where.GUEST : Step.Where.HOST,
                TraceStates.of(after, vmcs), changed, rare.why(), rare.held());
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

    /** Returns the states before and after step {@code i}, rebuilt from the checkpoint at or before it. */
    CpuState[] statesAround(int i) {
        int k = i / StepRecorder.CHECKPOINT_EVERY;
        CpuStateBuilder b = r.checkpoints.get(k).toBuilder();
        int at = k == 0 ? 0 : r.checkpointValueStart[k];
        for (int j = k * StepRecorder.CHECKPOINT_EVERY; j < i; j++) {
            at = StateDelta.apply(b, r.masks[j], r.values, at, r.apics);
        }
        CpuState before = b.rip(r.rips[i]).build();
        StateDelta.apply(b, r.masks[i], r.values, at, r.apics);
        CpuState after = b.rip(i + 1 < r.size ? r.rips[i + 1] : r.last.rip()).build();
        return new CpuState[] {before, after};
    }
}
