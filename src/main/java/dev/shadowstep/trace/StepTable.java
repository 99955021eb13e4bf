package dev.shadowstep.trace;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The step table of the text trace: one fixed-width line per step, then, indented under it,
 * who runs it when that changed (under a hypervisor: {@code runs: host}, {@code runs: L1}),
 * the events it produced ({@code >> }), the VMCS when it changed, the {@code why} and the
 * {@code held} texts. Index width depends on the number of steps; the TEXT column takes
 * whatever the index leaves, so that every line fits in 80 columns.
 */
final class StepTable {

    private static final int LABEL_WIDTH = 16;
    /** The lanes, in the order the spec names them; each value is fitted to its header's width. */
    private static final String LANES = "TF IF RF SHADOW DR6      PENDING-DB IRR ISR";
    private static final int DR6_WIDTH = 8;
    private static final int PENDING_WIDTH = 10;
    private static final int VECTORS_WIDTH = 3;

    private final int indexWidth;
    private final int textWidth;
    private final String indent;
    private State.Vmcs lastVmcs;
    private Runner lastRunner;

    StepTable(int stepCount) {
        this.indexWidth = Math.max(1, String.valueOf(Math.max(0, stepCount - 1)).length());
        this.textWidth = TextSink.WIDTH - indexWidth - LABEL_WIDTH - LANES.length() - 3;
        this.indent = " ".repeat(indexWidth + 1);
    }

    /** Returns the width of the index column, so that the event summary lines up with the table. */
    int indexWidth() {
        return indexWidth;
    }

    /** Returns the column header line. */
    String header() {
        return TextWrap.padLeft("#", indexWidth) + " " + TextWrap.padRight("RIP/LABEL", LABEL_WIDTH) + " "
                + TextWrap.padRight("TEXT", textWidth) + " " + LANES;
    }

    /** Writes a step's line and the indented lines under it. */
    void write(Step step, List<Event> events, TextSink out) {
        out.line(line(step));
        // who runs the step, when it changes; a bare-metal run (no VMCS) is L1 throughout and says nothing
        Runner runner = step.runner();
        if (step.state().vmcs() != null && runner != lastRunner) {
            out.line(indent + "runs: " + runner.label());
        }
        lastRunner = runner;
        for (Event e : events) {
            out.wrapped(EventText.describe(e), indent + ">> ", indent + "   ");
        }
        State.Vmcs vmcs = step.state().vmcs();
        if (vmcs != null && !vmcs.equals(lastVmcs)) {
            out.wrapped(vmcsText(vmcs), indent + "vmcs: ", indent + "      ");
        }
        lastVmcs = vmcs;
        if (step.why() != null && !step.why().isBlank()) {
            out.wrapped(step.why(), indent, indent);
        }
        for (String held : step.held() == null ? List.<String>of() : step.held()) {
            out.wrapped(held, indent + "- ", indent + "  ");
        }
    }

    private String line(Step step) {
        State s = step.state();
        String label = step.label() == null ? Hex.of(step.rip()) : TextWrap.oneLine(step.label());
        String pending = s.pendingDb() == 0 ? "." : Long.toHexString(s.pendingDb());
        String index = TextWrap.padLeft(String.valueOf(step.index()), indexWidth);
        // A window of a longer run can carry indices wider than its size suggests: TEXT gives way.
        int text = textWidth - (index.length() - indexWidth);
        return index
                + " " + TextWrap.padRight(TextWrap.fitLabel(label, LABEL_WIDTH), LABEL_WIDTH)
                + " " + TextWrap.padRight(TextWrap.oneLine(step.text()), text)
                + " " + flag(s.tf()) + flag(s.interruptsEnabled()) + flag(s.rf())
                + TextWrap.padRight(s.shadow() == State.Shadow.NONE ? "." : WireNames.of(s.shadow()), 6)
                + " " + TextWrap.padRight(dr6(s.dr6()), DR6_WIDTH)
                + " " + TextWrap.padRight(pending, PENDING_WIDTH)
                + " " + TextWrap.padRight(vectors(s.irr()), VECTORS_WIDTH)
                + " " + TextWrap.padRight(vectors(s.isr()), VECTORS_WIDTH);
    }

    /** DR6 as 8 hex digits; its upper 32 bits are reserved (SDM 17.2.3), shown cut if ever set. */
    private static String dr6(long dr6) {
        String digits = String.format(Locale.ROOT, "%08x", dr6);
        return digits.length() <= DR6_WIDTH ? digits
                : TextWrap.ELLIPSIS + digits.substring(digits.length() - DR6_WIDTH + 1);
    }

    private static String flag(boolean set) {
        return set ? "1  " : ".  ";
    }

    private static String vectors(List<Integer> vectors) {
        if (vectors == null || vectors.isEmpty()) {
            return ".";
        }
        return vectors.stream().map(v -> String.format(Locale.ROOT, "%02x", v)).collect(Collectors.joining(","));
    }

    private static String vmcsText(State.Vmcs v) {
        return "interruptibility=" + Hex.of(v.interruptibility()) + " pending_dbg=" + Hex.of(v.pendingDbg())
                + " activity_state=" + Hex.of(v.activityState()) + " entry_intr_info=" + Hex.of(v.entryIntrInfo())
                + " exit_reason=" + Hex.of(v.exitReason()) + " exit_qualification=" + Hex.of(v.exitQualification());
    }
}
