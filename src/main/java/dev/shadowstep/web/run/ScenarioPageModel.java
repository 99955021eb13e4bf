package dev.shadowstep.web.run;

import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.MarkdownLite;
import dev.shadowstep.web.library.LibraryEntry;
import org.springframework.ui.Model;

/**
 * What the scenario page template ({@code run/page}) needs, for any page that shows a kept run:
 * a library scenario, a permalink, a scenario sent by a user.
 */
public final class ScenarioPageModel {

    /** The scenario page template. */
    public static final String VIEW = "run/page";
    /** The events list stops here; the timeline still marks every event. */
    static final int MAX_LISTED_EVENTS = 500;

    private ScenarioPageModel() {}

    /**
     * Fills the model: {@code entry} (title, summary, tags), {@code summaryHtml}, {@code run},
     * {@code step} (from {@code ?step=}, clamped), listing, events, outcome and expectations.
     */
    public static void fill(Model model, LibraryEntry entry, StoredRun run, String step) {
        Trace trace = run.trace();
        model.addAttribute("entry", entry);
        model.addAttribute("summaryHtml", MarkdownLite.toHtml(entry.summary()));
        model.addAttribute("run", run);
        model.addAttribute("step", initialStep(step, run.total()));
        model.addAttribute("listing", RunPageView.listing(trace.listing()));
        var events = RunPageView.events(trace.events());
        model.addAttribute("events", events.subList(0, Math.min(events.size(), MAX_LISTED_EVENTS)));
        model.addAttribute("eventsNotListed", Math.max(0, events.size() - MAX_LISTED_EVENTS));
        model.addAttribute("outcome", trace.outcome());
        model.addAttribute("expectations", trace.expectations());
    }

    /** Returns the requested step within [0, total - 1]; anything that is not a number means 0. */
    public static int initialStep(String step, int total) {
        int n;
        try {
            n = step == null ? 0 : Integer.parseInt(step.strip());
        } catch (NumberFormatException e) {
            n = 0;
        }
        return Math.max(0, Math.min(n, total - 1));
    }
}
