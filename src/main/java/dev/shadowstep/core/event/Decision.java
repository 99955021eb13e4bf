package dev.shadowstep.core.event;

import java.util.List;

/**
 * What the {@link BoundaryArbiter} decided at one instruction boundary.
 *
 * @param verdict  execute the next instruction, deliver an event, or stay halted
 * @param delivery the event to deliver when the verdict is DELIVER
 * @param wakes    the CPU was halted and this event wakes it
 * @param why      the rule behind the verdict, naming its source (null when not explained)
 * @param held     one line per pending event not delivered here, with the reason (empty when not explained)
 * @param heldRules the rule behind each held line, in the same order
 */
public record Decision(Verdict verdict, Interruption delivery, boolean wakes, String why, List<String> held,
                       List<EventRule> heldRules) {

    public enum Verdict { PROCEED, DELIVER, STAY_HALTED }

    /** Execute the next instruction; nothing pending that needs saying. */
    public static final Decision PROCEED = new Decision(Verdict.PROCEED, null, false, null, List.of(), List.of());

    public Decision {
        held = held == null ? List.of() : List.copyOf(held);
        heldRules = heldRules == null ? List.of() : List.copyOf(heldRules);
    }

    /** Returns whether an event is delivered. */
    public boolean delivers() {
        return verdict == Verdict.DELIVER;
    }
}
