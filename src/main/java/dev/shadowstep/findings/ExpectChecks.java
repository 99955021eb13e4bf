package dev.shadowstep.findings;

import dev.shadowstep.scenario.ExpectItem;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.Finding;
import dev.shadowstep.trace.Trace;
import java.util.List;

/**
 * Finds {@code expect_unmatched} (from the run's expectation results) and {@code no_expect}: the
 * reviewer's "does the test verify that the #DB and the IRQ actually happened?".
 */
final class ExpectChecks {
    private ExpectChecks() {}

    static void check(Scenario scenario, Trace trace, FindingSink sink) {
        List<ExpectItem> items = scenario.expect();
        if (items.isEmpty()) {
            sink.add(null, Finding.Kind.NO_EXPECT, Finding.Severity.INFO, 0, () -> "The scenario has no expect "
                    + "block, so the run checks nothing: a #DB or IRQ that never came would pass unnoticed. "
                    + "'check --suggest' prints an expect block that this run satisfies.");
            return;
        }
        List<ExpectationResult> results = trace.expectations();
        for (int i = 0; i < results.size(); i++) {
            ExpectationResult r = results.get(i);
            if (r.ok()) continue;
            ExpectItem item = i < items.size() ? items.get(i) : null;
            String path = item == null ? "" : " " + item.path() + (item.line() > 0 ? " (line " + item.line() + ")" : "");
            boolean counted = item instanceof ExpectItem.EventExpect e && e.count() != null;
            Integer step = item instanceof ExpectItem.OutcomeExpect ? Integer.valueOf(trace.outcome().step()) : r.step();
            String what = counted ? "matched a different count" : "matched nothing";
            String why = r.message() == null ? "" : ": " + r.message();
            sink.add(step, Finding.Kind.EXPECT_UNMATCHED, Finding.Severity.WARNING, i, () ->
                    "The expect item" + path + " '" + r.expect() + "' " + what + why);
        }
    }
}
