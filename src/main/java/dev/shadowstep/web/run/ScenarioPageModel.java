package dev.shadowstep.web.run;

import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.MarkdownLite;
import dev.shadowstep.web.library.LibraryEntry;
import org.springframework.ui.Model;

/**
 * What the scenario page template ({@code run/page}) needs, for pages outside this package that
 * show a kept run (permalinks). The same model as {@link RunPageController} fills for the library,
 * with its limits and step rule.
 */
public final class ScenarioPageModel {

    /** The scenario page template. */
    public static final String VIEW = RunPageController.PAGE;

    private ScenarioPageModel() {}

    /**
     * Fills the model: {@code entry} (title, summary, tags), {@code summaryHtml}, {@code run},
     * {@code step} (from {@code ?step=}, clamped), listing, events, outcome, expectations and
     * {@code switchChoices} (each switch that applies, flipped, for the compare and what-if menus).
     */
    public static void fill(Model model, LibraryEntry entry, StoredRun run, String step) {
        Trace trace = run.trace();
        model.addAttribute("entry", entry);
        model.addAttribute("summaryHtml", MarkdownLite.toHtml(entry.summary()));
        model.addAttribute("run", run);
        model.addAttribute("step", RunPageController.initialStep(step, run.total()));
        model.addAttribute("listing", RunPageView.listing(trace.listing()));
        var events = RunPageView.events(trace.events());
        model.addAttribute("events", events.subList(0, Math.min(events.size(), RunPageController.MAX_LISTED_EVENTS)));
        model.addAttribute("eventsNotListed", Math.max(0, events.size() - RunPageController.MAX_LISTED_EVENTS));
        model.addAttribute("outcome", trace.outcome());
        model.addAttribute("expectations", trace.expectations());
        // the "Compare with..." and "What if..." menus need the text the run ran
        model.addAttribute("switchChoices", run.source() == null ? java.util.List.of()
                : dev.shadowstep.web.switches.SwitchChoice.flipped(run.source()));
    }
}
