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
 */
public record Step(int index, Kind kind, long rip, String label, String text, Where where,
                   State state, List<String> changed, String why, List<String> held) {

    public enum Kind { INSN, DELIVER, VMEXIT, VMENTRY, HOST }

    public enum Where { GUEST, HOST }
}
