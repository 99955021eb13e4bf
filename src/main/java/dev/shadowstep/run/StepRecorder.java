package dev.shadowstep.run;

import dev.shadowstep.core.apic.Apic;
import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.InstructionRule;
import dev.shadowstep.core.event.BoundaryArbiter;
import dev.shadowstep.core.event.EventRule;
import dev.shadowstep.core.event.HostAction;
import dev.shadowstep.core.event.HostEvent;
import dev.shadowstep.core.event.HostStep;
import dev.shadowstep.core.event.Interruption;
import dev.shadowstep.core.event.Runs;
import dev.shadowstep.core.event.StepListener;
import dev.shadowstep.core.event.TimerExpiry;
import dev.shadowstep.core.event.Vmm;
import dev.shadowstep.core.event.VmcsFields;
import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Records a run as columns: per step a kind byte, a rule byte ({@link Rules}), the RIP before it, a changed-field mask and
 * the new values of the changed fields, plus a full state every {@link #CHECKPOINT_EVERY}
 * steps. Deliveries and host actions are rare and keep their texts; instruction steps get
 * theirs when they are materialised ({@link RecordedSteps}).
 */
public final class StepRecorder implements StepListener {
    static final int CHECKPOINT_EVERY = 256;
    static final byte INSN = 0, DELIVER = 1, HOST = 2, VMEXIT = 3, VMENTRY = 4, TIMER = 5, TIMER_KVM = 6;

    final long imageBase;
    final LongFunction<String> labels;
    byte[] kinds = new byte[64];
    /** The rule that decided each step, numbered by {@link Rules}. */
    byte[] rules = new byte[64];
    long[] rips = new long[64];
    /** Who ran each step: 0 not said (the trace's default), else 1 + the {@link Runs} ordinal. */
    byte[] runs = new byte[64];
    /** Asked who runs each step; null when nobody says (bare metal without a VMM, KVM). */
    private Vmm whoRuns;
    int[] masks = new int[64];
    long[] values = new long[256];
    int size, valueCount;
    final List<CpuState> checkpoints = new ArrayList<>();
    int[] checkpointValueStart = new int[4];
    final List<Apic> apics = new ArrayList<>();
    final Instruction[] imageInstructions;
    final Map<Long, Instruction> otherInstructions = new HashMap<>();
    int[] rareSteps = new int[8];
    final List<Rare> rare = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    /** The VMCS fields before step 0, or null on bare metal. */
    final VmcsFields initialVmcs;
    /** Whether the CPU takes interrupts itself (false under KVM), for the held lines of instruction steps. */
    final boolean nativeInterrupts;
    /** The steps at which the VMCS fields changed, and the fields from then on: rare, like host steps. */
    int[] vmcsSteps = new int[8];
    /** Under KVM, the steps that are exits to userspace, in order (a step's phase is 1 + those before it); else null. */
    private int[] userspaceExits;
    private int userspaceExitCount;
    /** A VM entry came after the last exit to userspace: userspace called KVM_RUN again. */
    private boolean enteredAfterLastExit;
    final List<VmcsFields> vmcsValues = new ArrayList<>();
    /**
     * The guest memory writes in program order, {@link #WRITE_WORDS} longs each: the step that made it
     * shifted left by 8 with its size in bytes, its address, the old and the new value.
     */
    long[] writes = new long[0];
    int writeCount;
    static final int WRITE_WORDS = 4;
    CpuState last;
    /**
     * The time-stamp counter after the last step: instructions retired, plus the time jumped to a timer
     * expiry while halted. Kept per checkpoint ({@link #checkpointTsc}) and per timer step
     * ({@link #timerTsc}), so any step's TSC is rebuilt by counting instructions from the nearer of the two.
     */
    long tsc;
    long[] checkpointTsc = new long[4];
    int[] timerSteps = new int[0];
    long[] timerTsc = new long[0];
    int timerCount;

    /** A delivery or host action: its title, why and held lines, with the rule of each held line. */
    record Rare(String title, String why, List<String> held, List<String> heldRules) {}

    /**
     * @param initial    the state before step 0
     * @param imageBase  where the program image starts (instructions there are remembered in an array)
     * @param imageSize  its size in bytes
     * @param labels     names an address, e.g. {@code db_handler+0x4}
     */
    public StepRecorder(CpuState initial, long imageBase, int imageSize, LongFunction<String> labels) {
        this(initial, imageBase, imageSize, labels, null, true);
    }

    /**
     * A recorder for a run under a VMM.
     *
     * @param initialVmcs      the VMCS fields before step 0, or null on bare metal
     * @param nativeInterrupts whether the CPU takes APIC interrupts and NMIs itself (false under KVM)
     */
    public StepRecorder(CpuState initial, long imageBase, int imageSize, LongFunction<String> labels,
                        VmcsFields initialVmcs, boolean nativeInterrupts) {
        this.initialVmcs = initialVmcs;
        this.nativeInterrupts = nativeInterrupts;
        this.imageBase = imageBase;
        this.imageInstructions = new Instruction[imageSize];
        this.labels = labels;
        this.last = initial;
        checkpoints.add(initial);
    }

    /** Makes {@code vmm} the one asked who runs each step from now on ({@link Vmm#runs}). */
    public void whoRuns(Vmm vmm) {
        this.whoRuns = vmm;
    }

    @Override
    public void instruction(CpuState before, Instruction insn, CpuState after, InstructionRule rule) {
        long off = before.rip() - imageBase;
        if (off >= 0 && off < imageInstructions.length) {
            imageInstructions[(int) off] = insn;
        } else {
            otherInstructions.put(before.rip(), insn);
        }
        tsc++;
        append(INSN, (byte) rule.ordinal(), before, after);
    }

    @Override
    public void timer(CpuState before, CpuState after, TimerExpiry expiry) {
        addRare(new Rare(expiry.title(), expiry.why(), List.of(), List.of()));
        tsc = expiry.tsc();
        timerSteps = Columns.ensure(timerSteps, timerCount + 1);
        timerTsc = Columns.ensure(timerTsc, timerCount + 1);
        timerSteps[timerCount] = size;
        timerTsc[timerCount] = tsc;
        timerCount++;
        append(expiry.byKvm() ? TIMER_KVM : TIMER, Rules.number(expiry.rule()), before, after);
    }

    /** Returns the TSC after step {@code index}: from the checkpoint or timer step before it, counting instructions. */
    long tscAfter(int index) {
        int k = index / CHECKPOINT_EVERY;
        int from = k * CHECKPOINT_EVERY;
        long t = checkpointTsc[k];
        int at = Arrays.binarySearch(timerSteps, 0, timerCount, index);
        if (at < 0) at = -at - 2;
        if (at >= 0 && timerSteps[at] >= from) {
            from = timerSteps[at] + 1;
            t = timerTsc[at];
        }
        for (int j = from; j <= index; j++) if (kinds[j] == INSN) t++;
        return t;
    }

    /** A write belongs to the step being made, whose index is {@link #size} until it is appended. */
    @Override
    public void written(long address, int size, long old, long value) {
        int at = writeCount * WRITE_WORDS;
        writes = Columns.ensure(writes, at + WRITE_WORDS);
        writes[at] = (long) this.size << 8 | size;
        writes[at + 1] = address;
        writes[at + 2] = old;
        writes[at + 3] = value;
        writeCount++;
    }

    /** Returns the index of the first write made by step {@code index}, or -1 when it wrote nothing. */
    int firstWrite(int index) {
        int low = 0, high = writeCount;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (writeStep(mid) < index) low = mid + 1; else high = mid;
        }
        return low < writeCount && writeStep(low) == index ? low : -1;
    }

    /** Returns the step that made write {@code w}. */
    int writeStep(int w) {
        return (int) (writes[w * WRITE_WORDS] >>> 8);
    }

    /** Returns write {@code w} as the trace shows it. */
    Step.Write write(int w) {
        int at = w * WRITE_WORDS;
        return new Step.Write(writes[at + 1], (int) (writes[at] & 0xFF), writes[at + 2], writes[at + 3]);
    }

    @Override
    public void delivery(CpuState before, CpuState after, Interruption e, boolean byInstruction, List<String> held) {
        String title = e.title() + " delivered" + (e.source() == Interruption.Source.ICEBP ? " (icebp)" : "");
        // the held lines were worked out by the arbiter on this same state; ask it again for their rules
        List<EventRule> heldRules = held.isEmpty() ? List.of() : BoundaryArbiter.explain(before, "", nativeInterrupts).heldRules();
        addRare(new Rare(title, e.why(), held, heldRules.size() == held.size() ? Rules.ids(heldRules) : List.of()));
        events.add(event(size, e, after));
        append(DELIVER, Rules.number(EventRule.delivered(e)), before, after);
    }

    @Override
    public void host(CpuState before, CpuState after, HostAction action) {
        addRare(new Rare(action.title(), action.why(), List.of(), List.of()));
        append(HOST, Rules.number(EventRule.HOST_ACTION), before, after);
    }

    @Override
    public void vmm(CpuState before, CpuState after, HostStep step) {
        addRare(new Rare(step.title(), step.why(), List.of(), List.of()));
        if (step.event() != null) events.add(event(size, step.event()));
        if (userspaceExits != null && step.event() instanceof HostEvent.ExitToHost) {
            userspaceExits = Columns.ensure(userspaceExits, userspaceExitCount + 1);
            userspaceExits[userspaceExitCount++] = size;
            enteredAfterLastExit = false;
        }
        if (step.kind() == HostStep.Kind.VMENTRY) enteredAfterLastExit = true;
        VmcsFields current = vmcsValues.isEmpty() ? initialVmcs : vmcsValues.getLast();
        if (!step.vmcs().equals(current)) {
            vmcsSteps = Columns.ensure(vmcsSteps, vmcsValues.size() + 1);
            vmcsSteps[vmcsValues.size()] = size;
            vmcsValues.add(step.vmcs());
        }
        byte kind = switch (step.kind()) {
            case VMEXIT -> VMEXIT;
            case VMENTRY -> VMENTRY;
            case HOST -> HOST;
        };
        append(kind, Rules.number(Rules.of(step)), before, after);
    }

    /** Numbers each step by its KVM_RUN call (trace field {@code phase}): for runs under KVM. */
    void countPhases() {
        if (userspaceExits == null) userspaceExits = new int[8];
    }

    /** Returns the 1-based KVM_RUN call step {@code index} belongs to, or null when phases are not counted. */
    Integer phaseOf(int index) {
        if (userspaceExits == null) return null;
        int at = Arrays.binarySearch(userspaceExits, 0, userspaceExitCount, index);
        // an exit step ends its own run; a step after it belongs to the next one, unless userspace never called
        // KVM_RUN again (it stopped, or the run ended first): then it belongs to the last run
        int before = at >= 0 ? at : -at - 1;
        if (before == userspaceExitCount && before > 0 && !enteredAfterLastExit) return before;
        return 1 + before;
    }

    /** Returns the VMCS fields after step {@code index}, or null on bare metal. */
    VmcsFields vmcsAt(int index) {
        int n = vmcsValues.size();
        int at = Arrays.binarySearch(vmcsSteps, 0, n, index);
        if (at < 0) at = -at - 2;
        return at < 0 ? initialVmcs : vmcsValues.get(at);
    }

    private Event event(int step, HostEvent e) {
        return switch (e) {
            case HostEvent.VmExitEvent x -> new Event(step, Event.Type.VMEXIT, x.vector(), x.rip(), labels.apply(x.rip()),
                    null, null, null, x.reason(), x.qualification(), null, null, null, null);
            case HostEvent.EntryFailed f -> new Event(step, Event.Type.VMENTRY_FAILED, null, f.rip(), labels.apply(f.rip()),
                    null, null, null, f.reason(), null, f.check(), null, null, null);
            case HostEvent.ExitToHost x -> {
                long at = x.pc() != null ? x.pc() : x.rip();
                yield new Event(step, Event.Type.EXIT_TO_HOST, null, at, labels.apply(at), x.dr6(), null, null, x.reason(),
                        null, null, x.exit(), x.exception(), x.pc(), x.dr7(), x.port(), x.io(), x.size(), x.value());
            }
        };
    }

    /**
     * Returns about how many bytes of heap this recording holds: its columns (at their capacity),
     * checkpoints, rare texts, events and VMCS records. An estimate from object layouts (a 64-bit
     * JVM with compressed pointers), for caches that are bounded by bytes rather than by count.
     */
    public long retainedBytes() {
        long bytes = 256 + (long) kinds.length + runs.length + 8L * rips.length + 4L * masks.length + 8L * values.length
                + 4L * checkpointValueStart.length + 4L * rareSteps.length + 4L * vmcsSteps.length
                + 4L * imageInstructions.length + 8L * checkpointTsc.length + 4L * timerSteps.length + 8L * timerTsc.length;
        bytes += (long) checkpoints.size() * CHECKPOINT_BYTES + (long) apics.size() * APIC_BYTES;
        bytes += (long) otherInstructions.size() * INSTRUCTION_BYTES;
        for (Rare r : rare) {
            bytes += 64 + text(r.title()) + text(r.why());
            for (String line : r.held()) bytes += 8 + text(line);
        }
        bytes += (long) events.size() * EVENT_BYTES + (long) vmcsValues.size() * VMCS_BYTES;
        return bytes;
    }

    /** Object sizes for {@link #retainedBytes}: a CpuState with its records, an APIC, an event, a VMCS copy. */
    private static final int CHECKPOINT_BYTES = 512, APIC_BYTES = 256, INSTRUCTION_BYTES = 96, EVENT_BYTES = 128,
            VMCS_BYTES = 384;

    private static long text(String s) {
        return s == null ? 0 : 48 + s.length();
    }

    /** Returns the number of steps recorded. */
    public int size() { return size; }

    /** Returns the state after the last step. */
    public CpuState last() { return last; }

    /** Returns the events (deliveries) so far. */
    public List<Event> events() { return List.copyOf(events); }

    /** Returns the bytes held by the columns (capacity, not just the used part), for the benchmark. */
    public long columnBytes() {
        return kinds.length + rules.length + runs.length + 8L * rips.length + 4L * masks.length + 8L * values.length + 4L * vmcsSteps.length
                + 4L * checkpointValueStart.length + checkpoints.size() * 240L + 8L * writes.length;
    }

    private Event event(int step, Interruption e, CpuState after) {
        Event.Type type = switch (e.source()) {
            case DEBUG_TRAP, CODE_BREAKPOINT, GENERAL_DETECT, ICEBP -> Event.Type.DB;
            case INT3 -> Event.Type.BP;
            case INT_N, FAULT -> Event.Type.EXCEPTION;
            case IRQ -> Event.Type.IRQ;
            case NMI -> Event.Type.NMI;
        };
        boolean db = type == Event.Type.DB;
        return new Event(step, type, e.vector(), e.pushedRip(), labels.apply(e.pushedRip()), db ? after.dr6() : null,
                db ? Dr6.causeNames(e.dbCauses()) : null, e.injected() ? "injected" : "native", null, null, null, null,
                null, null);
    }

    private void addRare(Rare r) {
        rareSteps = Columns.ensure(rareSteps, rare.size() + 1);
        rareSteps[rare.size()] = size;
        rare.add(r);
    }

    private void append(byte kind, byte rule, CpuState b, CpuState a) {
        int i = size;
        if (i == kinds.length) {
            kinds = Columns.ensure(kinds, i + 1);
            rules = Columns.ensure(rules, i + 1);
            rips = Columns.ensure(rips, i + 1);
            runs = Columns.ensure(runs, i + 1);
            masks = Columns.ensure(masks, i + 1);
        }
        kinds[i] = kind;
        rules[i] = rule;
        Runs who = whoRuns == null || kind == HOST ? null : whoRuns.runs(kind == VMEXIT || kind == VMENTRY);
        runs[i] = who == null ? 0 : (byte) (1 + who.ordinal());
        rips[i] = b.rip();
        masks[i] = diff(b, a);
        size = i + 1;
        last = a;
        if (size % CHECKPOINT_EVERY == 0) {
            // a server that gave up waiting for this run interrupts its thread: stop at a checkpoint
            if (Thread.currentThread().isInterrupted()) throw new RunInterruptedException(size);
            int k = checkpoints.size();
            checkpointValueStart = Columns.ensure(checkpointValueStart, k + 1);
            checkpointValueStart[k] = valueCount;
            checkpointTsc = Columns.ensure(checkpointTsc, k + 1);
            checkpointTsc[k] = tsc;
            checkpoints.add(a);
        }
    }

    /** Appends the new values of the fields that differ (in bit order, see {@link StateDelta}); returns the mask. */
    private int diff(CpuState b, CpuState a) {
        if (valueCount + StateDelta.MAX_VALUES > values.length) {
            values = Columns.ensure(values, valueCount + StateDelta.MAX_VALUES);
        }
        long[] v = values;
        int n = valueCount;
        int mask = 0;
        if (b.regs() != a.regs()) {
            for (int r = 0; r < 16; r++) {
                long x = a.reg(r);
                if (b.reg(r) != x) {
                    mask |= 1 << r;
                    v[n++] = x;
                }
            }
        }
        if (b.rflags() != a.rflags()) { mask |= 1 << StateDelta.RFLAGS; v[n++] = a.rflags(); }
        if (b.cpl() != a.cpl() || b.ss() != a.ss() || b.shadow() != a.shadow() || b.activity() != a.activity()
                || b.nmiPending() != a.nmiPending() || b.nmiBlocked() != a.nmiBlocked()) {
            mask |= 1 << StateDelta.MISC;
            v[n++] = StateDelta.misc(a);
        }
        if (b.dr0() != a.dr0()) { mask |= 1 << StateDelta.DR0; v[n++] = a.dr0(); }
        if (b.dr1() != a.dr1()) { mask |= 1 << (StateDelta.DR0 + 1); v[n++] = a.dr1(); }
        if (b.dr2() != a.dr2()) { mask |= 1 << (StateDelta.DR0 + 2); v[n++] = a.dr2(); }
        if (b.dr3() != a.dr3()) { mask |= 1 << (StateDelta.DR0 + 3); v[n++] = a.dr3(); }
        if (b.dr6() != a.dr6()) { mask |= 1 << StateDelta.DR6; v[n++] = a.dr6(); }
        if (b.dr7() != a.dr7()) { mask |= 1 << StateDelta.DR7; v[n++] = a.dr7(); }
        if (b.pendingDb() != a.pendingDb()) { mask |= 1 << StateDelta.PENDING_DB; v[n++] = a.pendingDb(); }
        if (b.apic() != a.apic() && !b.apic().equals(a.apic())) {
            mask |= 1 << StateDelta.APIC;
            v[n++] = apics.size();
            apics.add(a.apic());
        }
        if (b.debugctl() != a.debugctl()) { mask |= 1 << StateDelta.DEBUGCTL; v[n++] = a.debugctl(); }
        if (b.cr2() != a.cr2()) { mask |= 1 << StateDelta.CR2; v[n++] = a.cr2(); }
        if (b.cr() != a.cr()) {
            if (b.cr0() != a.cr0()) { mask |= 1 << StateDelta.CR0; v[n++] = a.cr0(); }
            if (b.cr3() != a.cr3()) { mask |= 1 << StateDelta.CR3; v[n++] = a.cr3(); }
            if (b.cr4() != a.cr4()) { mask |= 1 << StateDelta.CR4; v[n++] = a.cr4(); }
        }
        valueCount = n;
        return mask;
    }
}
