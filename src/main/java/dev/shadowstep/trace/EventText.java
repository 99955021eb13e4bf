package dev.shadowstep.trace;

/** Returns an event in words for the text trace: {@code #DB at fep_sti_start (0x40100b) dr6=0xffff4ff0 [BS] via native}. */
final class EventText {

    private EventText() {}

    /** Returns the event as one line of words; fields that are null are left out. */
    static String describe(Event e) {
        StringBuilder s = new StringBuilder(e.name());
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
}
