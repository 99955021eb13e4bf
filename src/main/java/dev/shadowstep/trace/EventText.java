package dev.shadowstep.trace;

import java.util.List;

/** Returns an event in words for the text trace: {@code #DB at fep_sti_start (0x40100b) dr6=0xffff4ff0 [BS] via native}. */
final class EventText {

    /** Exception mnemonics by vector (SDM Vol. 3A, Table 6-1); null where the vector is reserved or free. */
    private static final List<String> EXCEPTIONS = java.util.Arrays.asList(
            "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", null, "#TS", "#NP", "#SS", "#GP",
            "#PF", null, "#MF", "#AC", "#MC", "#XM", "#VE", "#CP");

    private EventText() {}

    /** Returns the event as one line of words; fields that are null are left out. */
    static String describe(Event e) {
        StringBuilder s = new StringBuilder(title(e));
        if (e.at() != null) {
            s.append(" at ").append(e.label() == null ? Hex.of(e.at())
                    : TextWrap.oneLine(e.label()) + " (" + Hex.of(e.at()) + ")");
        }
        if (e.dr6() != null) {
            s.append(" dr6=").append(Hex.of(e.dr6()));
        }
        if (e.cause() != null && !e.cause().isEmpty()) {
            s.append(" [").append(String.join(",", e.cause())).append(']');
        }
        if (e.via() != null) {
            s.append(" via ").append(e.via());
        }
        if (e.reason() != null && e.type() != Event.Type.VMEXIT) {
            s.append(" reason=").append(e.reason());
        }
        if (e.qualification() != null) {
            s.append(" qualification=").append(Hex.of(e.qualification()));
        }
        if (e.exception() != null) {
            s.append(" exception=").append(e.exception());
        }
        if (e.pc() != null) {
            s.append(" pc=").append(Hex.of(e.pc()));
        }
        if (e.check() != null) {
            s.append(": ").append(e.check());
        }
        return TextWrap.oneLine(s.toString());
    }

    private static String title(Event e) {
        return switch (e.type()) {
            case DB -> "#DB";
            case BP -> "#BP";
            case EXCEPTION -> exceptionName(e.vector());
            case IRQ -> e.vector() == null ? "IRQ" : "IRQ " + Hex.of(e.vector());
            case NMI -> "NMI";
            case VMEXIT -> "VM exit" + vmexitCause(e);
            case VMENTRY_FAILED -> "VM entry failed";
            case EXIT_TO_HOST -> e.exit() == null ? "exit to host" : e.exit();
        };
    }

    /** Returns {@code " (exception #UD)"}: the exit reason, and the vector when the exit carries one. */
    private static String vmexitCause(Event e) {
        String vector = e.vector() == null ? "" : exceptionName(e.vector());
        String cause = ((e.reason() == null ? "" : e.reason()) + " " + vector).strip();
        return cause.isEmpty() ? "" : " (" + cause + ")";
    }

    private static String exceptionName(Integer vector) {
        if (vector == null) {
            return "exception";
        }
        if (vector >= 0 && vector < EXCEPTIONS.size() && EXCEPTIONS.get(vector) != null) {
            return EXCEPTIONS.get(vector);
        }
        return "exception " + Hex.of(vector);
    }
}
