package dev.shadowstep.trace;

import java.util.List;

/**
 * One thing that happened: a retired guest instruction, or something at an instruction
 * boundary or in the host.
 *
 * @param rip     RIP before the step
 * @param label   nearest label at or before rip, e.g. {@code fep_sti_start} or {@code db_handler+4}
 * @param text    the instruction text, or a short title ({@code #DB delivered})
 * @param state   the full state after the step
 * @param changed names of the state fields this step changed (trace-format names: rip, rflags, tf, ...)
 * @param why     what happened and the rule that made it so, naming its source
 * @param held    one line per pending event not delivered at this boundary, with the reason
 * @param rule    the id of the rule that decided this step ({@code STI_SHADOW_STARTED}), or null when unknown
 * @param rules   one rule id per line of {@code held}, in the same order (empty when not known)
 * @param writes  the guest memory writes the step made, in program order
 * @param runs    who executes the step (host, L1, L2), or null when the trace does not say
 *                (written before the field): {@link #runner()} then derives it from {@code where}
 * @param phase   under KVM, the 1-based KVM_RUN call the step belongs to (a step after an exit to userspace belongs to
 *                the next run, which userspace is preparing); null without KVM
 */
public record Step(int index, Kind kind, long rip, String label, String text, Where where,
                   State state, List<String> changed, String why, List<String> held,
                   String rule, List<String> rules, List<Write> writes, Runner runs, Integer phase) {

    public enum Kind { INSN, DELIVER, VMEXIT, VMENTRY, HOST }

    public enum Where { GUEST, HOST }

    /**
     * One guest memory write: {@code size} bytes (1, 2, 4 or 8) at {@code address}, little-endian,
     * {@code old} replaced by {@code value} (both zero-extended).
     */
    public record Write(long address, int size, long old, long value) {}

    public Step {
        rules = rules == null ? List.of() : List.copyOf(rules);
        writes = writes == null ? List.of() : List.copyOf(writes);
    }

    /** A step that does not say who runs it (derived from {@code where}: {@link #runner()}). */
    public Step(int index, Kind kind, long rip, String label, String text, Where where,
                State state, List<String> changed, String why, List<String> held,
                String rule, List<String> rules, List<Write> writes) {
        this(index, kind, rip, label, text, where, state, changed, why, held, rule, rules, writes, null, null);
    }

    /** A step without a phase (bare metal, or a trace written before the field existed). */
    public Step(int index, Kind kind, long rip, String label, String text, Where where,
                State state, List<String> changed, String why, List<String> held,
                String rule, List<String> rules, List<Write> writes, Runner runs) {
        this(index, kind, rip, label, text, where, state, changed, why, held, rule, rules, writes, runs, null);
    }

    /** Returns who executes the step: {@code runs}, or for a trace that does not say, the host for host steps and L1 for guest steps. */
    public Runner runner() {
        return runs != null ? runs : Runner.of(where);
    }

    /** A step without rule ids or memory writes (what a version-1 trace written before they existed holds). */
    public Step(int index, Kind kind, long rip, String label, String text, Where where,
                State state, List<String> changed, String why, List<String> held) {
        this(index, kind, rip, label, text, where, state, changed, why, held, null, List.of(), List.of());
    }

    /** Returns this step without the fields added after the first version 1 (rule, rules, writes, runs, phase). */
    public Step withoutAdditions() {
        return new Step(index, kind, rip, label, text, where, state, changed, why, held);
    }
}
