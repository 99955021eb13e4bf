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
 * @param dr7   run->debug.arch.dr7 (KVM_EXIT_DEBUG)
 * @param port  run->io.port, {@code io} in or out, {@code value} the data of an out (KVM_EXIT_IO)
 */
public record EventPattern(Address at, Integer vector, Long dr6, List<String> cause, String via,
                           String reason, Long qualification, String check, String exit,
                           Integer exception, Address pc, Long dr7, Integer port, String io, Long value) {

    public static final EventPattern ANY =
            new EventPattern(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** A pattern without the fields added for host phases (dr7 and the KVM_EXIT_IO fields). */
    public EventPattern(Address at, Integer vector, Long dr6, List<String> cause, String via, String reason,
                        Long qualification, String check, String exit, Integer exception, Address pc) {
        this(at, vector, dr6, cause, via, reason, qualification, check, exit, exception, pc, null, null, null, null);
    }

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
        if (dr7 != null) out.add("dr7=" + hex(dr7));
        if (port != null) out.add("port=" + hex(port));
        if (io != null) out.add("io=" + io);
        if (value != null) out.add("value=" + hex(value));
        return out;
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
