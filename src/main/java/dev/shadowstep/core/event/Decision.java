package dev.shadowstep.core.event;

import java.util.List;

/**
 * What the {@link BoundaryArbiter} decided at one instruction boundary.
 *
 * @param verdict  execute the next instruction, deliver an event, stay halted, or take a VM exit
 * @param delivery the event to deliver when the verdict is DELIVER
 * @param wakes    the CPU was halted and this event wakes it
 * @param why      the rule behind the verdict, naming its source (null when not explained)
 * @param held     one line per pending event not delivered here, with the reason (empty when not explained)
 * @param heldRules the rule behind each held line, in the same order
 * @param exit     the VM exit taken when the verdict is VM_EXIT (in VMX non-root operation), else null
 */
public record Decision(Verdict verdict, Interruption delivery, boolean wakes, String why, List<String> held,
                       List<EventRule> heldRules, BoundaryExit exit) {

    public enum Verdict { PROCEED, DELIVER, STAY_HALTED, VM_EXIT }

    /** Execute the next instruction; nothing pending that needs saying. */
    public static final Decision PROCEED = new Decision(Verdict.PROCEED, null, false, null, List.of(), List.of());

    private static final Decision[] EXITS = java.util.Arrays.stream(BoundaryExit.values())
            .map(e -> new Decision(Verdict.VM_EXIT, null, false, null, List.of(), List.of(), e)).toArray(Decision[]::new);

    /** A decision without a VM exit. */
    public Decision(Verdict verdict, Interruption delivery, boolean wakes, String why, List<String> held,
                    List<EventRule> heldRules) {
        this(verdict, delivery, wakes, why, held, heldRules, null);
    }

    /** Returns the decision to take the VM exit {@code exit} (one shared value per exit). */
    static Decision exit(BoundaryExit exit) {
        return EXITS[exit.ordinal()];
    }

    public Decision {
        held = held == null ? List.of() : List.copyOf(held);
        heldRules = heldRules == null ? List.of() : List.copyOf(heldRules);
    }

    /** Returns whether an event is delivered. */
    public boolean delivers() {
        return verdict == Verdict.DELIVER;
    }
}
