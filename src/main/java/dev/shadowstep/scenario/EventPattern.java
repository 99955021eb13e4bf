package dev.shadowstep.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The fields an {@code expect} item checks on an event, named as in the trace format; a null
 * field is not checked.
 *
 * @param at    the RIP pushed on the stack, or reported to the host
 * @param cause DR6 cause names (B0..B3, BD, BS, BT), compared as a set; null = not checked
 * @param via   native or injected
 * @param check a substring of the failed VM-entry check's name
 * @param pc    the PC reported with KVM_EXIT_DEBUG
 */
public record EventPattern(Address at, Integer vector, Long dr6, List<String> cause, String via,
                           String reason, Long qualification, String check, String exit,
                           Integer exception, Address pc) {

    public static final EventPattern ANY =
            new EventPattern(null, null, null, null, null, null, null, null, null, null, null);

    public EventPattern {
        cause = cause == null ? null : List.copyOf(cause);
    }

    /** Returns the checked fields in words: {@code at fep_sti_start dr6=0xffff4ff0}. */
    public String describe() {
        StringJoiner words = new StringJoiner(" ");
        if (at != null) words.add("at " + at);
        for (String field : fieldTexts()) words.add(field);
        return words.toString();
    }

    private List<String> fieldTexts() {
        List<String> out = new ArrayList<>();
        if (vector != null) out.add("vector=" + hex(vector));
        if (dr6 != null) out.add("dr6=" + hex(dr6));
        if (cause != null) out.add("cause=" + cause);
        if (via != null) out.add("via=" + via);
        if (reason != null) out.add("reason=" + reason);
        if (qualification != null) out.add("qualification=" + hex(qualification));
        if (check != null) out.add("check='" + check + "'");
        if (exit != null) out.add("exit=" + exit);
        if (exception != null) out.add("exception=" + exception);
        if (pc != null) out.add("pc=" + pc);
        return out;
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
