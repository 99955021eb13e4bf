package dev.shadowstep.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a trace as plain text for an email ({@code run --format text}): the scenario source
 * quoted, one line per step with its lanes, the events, the outcome, the expectations and the
 * findings ({@code WARN} or {@code INFO}, the kind's wire name, the step when there is one).
 * Every line is at most 80 columns, has no trailing spaces and ends in {@code \n}; the
 * output depends only on the trace (no dates, no paths), so two runs diff cleanly.
 *
 * <p>Layout, for a run under a hypervisor (a bare-metal run has no {@code vmcs:} lines):
 * <pre>
 * Scenario: Emulated STI with TF set (KVM_FEP sti), KVM on VMX
 * | format: 1
 * | program: |
 * |   KVM_FEP sti
 *
 * Run: 11 steps, shadowstep 0.1.0, trace format 1
 *
 *  # RIP/LABEL        TEXT             TF IF RF SHADOW DR6      PENDING-DB IRR ISR
 *  5 fep_sti_end      VM entry, injec… 1  1  .  sti    ffff0ff0 4000       .   .
 *    vmcs: interruptibility=0x1 pending_dbg=0x4000 activity_state=0x0
 *          entry_intr_info=0x80000301 exit_reason=0x0 exit_qualification=0x0
 *    TF=1 with STI blocking needs PENDING_DBG.BS=1 (SDM 26.3.1.5); it is set, so
 *    the entry succeeds and delivers the injected #DB.
 *  6 fep_sti_end      #DB delivered    .  .  .  .      ffff4ff0 .          .   .
 *    &gt;&gt; #DB at fep_sti_end (0x401010) dr6=0xffff4ff0 [BS] via injected
 *    vmcs: interruptibility=0x0 pending_dbg=0x0 activity_state=0x0
 *          entry_intr_info=0x80000301 exit_reason=0x0 exit_qualification=0x0
 *    The injected #DB is delivered through IDT vector 1 with DR6.BS set; ...
 *
 * Events: 2
 *  3 VM exit (exception #UD) at start+10 (0x40100a) qualification=0x0
 *  6 #DB at fep_sti_end (0x401010) dr6=0xffff4ff0 [BS] via injected
 *
 * Outcome: completed at step 10
 *   Halted with interrupts off and nothing pending.
 *
 * Expectations: 1 of 2 passed
 *   PASS db at fep_sti_end dr6=0xffff4ff0 (step 6)
 *   FAIL vmentry_failed: no vmentry_failed event: the VM entry at step 5 succeeded
 *        because KVM set PENDING_DBG.BS; ...
 *
 * Findings: 3 (1 warning, 2 info)
 *   INFO entry_needs_fix at step 5: Without fixes.emulated_db_sets_bs this VM
 *        entry fails (TF=1 with STI blocking needs PENDING_DBG.BS=1, ...
 *   INFO db_in_shadow at step 6: Teaching note: this single-step #DB is delivered
 *        at fep_sti_end inside the STI shadow of the instruction before it.
 *   WARN expect_unmatched: The expect item expect[1] (line 22) 'vmentry_failed'
 *        matched nothing: ...
 * </pre>
 * RIP/LABEL is the step's label ({@code db_handler+9}), or its RIP in hex when it has none;
 * the exact RIP of each event is on its {@code >>} line. Lanes: TF, IF, RF show {@code 1} or {@code .}; SHADOW {@code .}, {@code sti} or
 * {@code mov_ss}; DR6 as 8 hex digits; PENDING-DB as hex bits or {@code .}; IRR and ISR as
 * 2-digit hex vectors. A cell too long for its column ends in {@code …}; a label keeps its
 * {@code +offset}. Under a step: under a hypervisor, {@code runs: host} (or {@code L1}, {@code L2})
 * when who runs it differs from the step before; {@code >>} lines for the events it produced, a
 * {@code vmcs:} line when the VMCS fields differ from the previous step's, the {@code why},
 * and each {@code held} text after {@code - } (for example
 * {@code - IRQ 0xaa held: STI shadow}). A source line longer than 78 columns
 * continues on lines that start with {@code + } instead of {@code | } (cut before a space,
 * which the continuation keeps, so removing the prefixes gives back the line).
 */
public final class TraceText {

    private static final int SOURCE_WIDTH = TextSink.WIDTH - 2;

    private TraceText() {}

    /** Writes the trace as text to {@code out}; {@code scenarioSource} may be null when it is not at hand. */
    public static void write(Trace trace, String scenarioSource, Appendable out) {
        TextSink sink = new TextSink(out);
        writeScenario(trace.scenario(), scenarioSource, sink);
        sink.line("");
        Steps steps = trace.steps();
        sink.wrapped("Run: " + steps.size() + (steps.size() == 1 ? " step, " : " steps, ") + trace.engine()
                + ", trace format " + trace.format(), "", "  ");
        sink.line("");
        StepTable table = new StepTable(steps.size());
        sink.line(table.header());
        Map<Integer, List<Event>> eventsByStep = new HashMap<>();
        for (Event e : trace.events()) {
            eventsByStep.computeIfAbsent(e.step(), k -> new ArrayList<>()).add(e);
        }
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            table.write(step, eventsByStep.getOrDefault(step.index(), List.of()), sink);
        }
        sink.line("");
        writeEvents(trace.events(), table.indexWidth(), sink);
        sink.line("");
        writeOutcome(trace.outcome(), sink);
        sink.line("");
        writeExpectations(trace.expectations(), sink);
        sink.line("");
        writeFindings(trace.findings(), sink);
    }

    private static void writeScenario(Trace.ScenarioRef scenario, String source, TextSink sink) {
        String id = scenario.id() == null ? "" : " (id " + scenario.id() + ")";
        sink.wrapped("Scenario: " + TextWrap.oneLine(scenario.title()) + id, "", "  ");
        if (source == null) {
            return;
        }
        for (String line : source.stripTrailing().split("\\R", -1)) {
            String text = expandTabs(line).replaceAll("\\p{Cntrl}", " ").stripTrailing();
            String prefix = "| ";
            do {
                int cut = sourceCut(text);
                sink.line(prefix + text.substring(0, cut));
                text = text.substring(cut);
                prefix = "+ ";
            } while (!text.isEmpty());
        }
    }

    /**
     * Returns where to cut a source line so that the first part fits: before the last space
     * that ends a word, so the continuation starts with that space and nothing is lost to the
     * no-trailing-spaces rule; inside a word only when there is no such space.
     */
    private static int sourceCut(String text) {
        if (TextWrap.width(text) <= SOURCE_WIDTH) {
            return text.length();
        }
        int limit = text.offsetByCodePoints(0, SOURCE_WIDTH);
        for (int i = limit; i > 0; i--) {
            if (text.charAt(i) == ' ' && text.charAt(i - 1) != ' ') {
                return i;
            }
        }
        int cut = limit;
        while (cut > 1 && text.charAt(cut - 1) == ' ') {
            cut--;
        }
        return cut;
    }

    private static void writeEvents(List<Event> events, int indexWidth, TextSink sink) {
        sink.line("Events: " + (events.isEmpty() ? "none" : events.size()));
        String rest = " ".repeat(indexWidth + 1);
        for (Event e : events) {
            sink.wrapped(EventText.describe(e), TextWrap.padLeft(String.valueOf(e.step()), indexWidth) + " ", rest);
        }
    }

    private static void writeOutcome(Outcome outcome, TextSink sink) {
        sink.line("Outcome: " + outcome.status().wireName() + " at step " + outcome.step());
        if (outcome.message() != null && !outcome.message().isBlank()) {
            sink.wrapped(outcome.message(), "  ", "  ");
        }
    }

    private static void writeExpectations(List<ExpectationResult> results, TextSink sink) {
        if (results.isEmpty()) {
            sink.line("Expectations: none");
            return;
        }
        long passed = results.stream().filter(ExpectationResult::ok).count();
        sink.line("Expectations: " + passed + " of " + results.size() + " passed");
        for (ExpectationResult r : results) {
            String text = r.expect() + (r.step() == null ? "" : " (step " + r.step() + ")")
                    + (r.message() == null ? "" : ": " + r.message());
            sink.wrapped(text, r.ok() ? "  PASS " : "  FAIL ", "       ");
        }
    }

    private static void writeFindings(List<Finding> findings, TextSink sink) {
        if (findings.isEmpty()) {
            sink.line("Findings: none");
            return;
        }
        long warnings = findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING).count();
        long notes = findings.size() - warnings;
        sink.line("Findings: " + findings.size() + " (" + warnings + (warnings == 1 ? " warning, " : " warnings, ")
                + notes + " info)");
        for (Finding f : findings) {
            String where = f.step() == null ? "" : " at step " + f.step();
            sink.wrapped(f.kind().wireName() + where + ": " + f.message(),
                    f.severity() == Finding.Severity.WARNING ? "  WARN " : "  INFO ", "       ");
        }
    }

    /** Returns the line with tabs expanded to the next multiple of 8 columns, as a terminal shows them. */
    private static String expandTabs(String line) {
        StringBuilder out = new StringBuilder();
        line.codePoints().forEach(c -> {
            if (c == '\t') {
                out.append(" ".repeat(8 - TextWrap.width(out.toString()) % 8));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
