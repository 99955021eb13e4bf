package dev.shadowstep.web.review;

import dev.shadowstep.findings.SuggestedExpect;
import dev.shadowstep.trace.Trace;
import java.util.List;

/**
 * The Findings panel of a page that shows a run: the rows in trace order, and the {@code expect}
 * block the run satisfies when the scenario has none (else null).
 */
public record FindingsPanel(List<FindingRow> findings, String suggestedExpect) {

    public FindingsPanel {
        findings = List.copyOf(findings);
    }

    /** Returns the panel of a run's trace. */
    public static FindingsPanel of(Trace trace) {
        return new FindingsPanel(trace.findings().stream().map(FindingRow::of).toList(),
                trace.expectations().isEmpty() ? SuggestedExpect.yaml(trace, trace.symbols()) : null);
    }
}
