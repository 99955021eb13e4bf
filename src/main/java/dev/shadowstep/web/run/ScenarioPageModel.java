package dev.shadowstep.web.run;

import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.MarkdownLite;
import dev.shadowstep.web.StepParameter;
import dev.shadowstep.web.library.LibraryEntry;
import dev.shadowstep.web.review.FindingsPanel;
import dev.shadowstep.web.share.SharePanel;
import java.util.List;
import org.springframework.ui.Model;

/**
 * What the scenario page template ({@code run/page}) and the embed view show of one kept run, built
 * explicitly by each controller that shows one (library and editor runs here, permalinks in
 * web.share): the scenario's words, the run and the step shown first, the listing and events, the
 * outcome and expectations, the Findings panel, the Share panel, and the Edit link (null for none).
 */
public record ScenarioPageModel(LibraryEntry entry, String summaryHtml, StoredRun run, int step,
                                List<RunPageView.ListingRow> listing, List<RunPageView.EventRow> events,
                                int eventsNotListed, Outcome outcome, List<ExpectationResult> expectations,
                                FindingsPanel findings, SharePanel share, String editUrl) {

    /** The scenario page template. */
    public static final String VIEW = RunPageController.PAGE;

    /** Returns the page of {@code run} of {@code entry} at {@code ?step=} (clamped), with its panels. */
    public static ScenarioPageModel of(LibraryEntry entry, StoredRun run, String step, SharePanel share, String editUrl) {
        Trace trace = run.trace();
        List<RunPageView.EventRow> events = RunPageView.events(trace.events());
        return new ScenarioPageModel(entry, MarkdownLite.toHtml(entry.summary()), run, StepParameter.clamp(step, run.total(), 0),
                RunPageView.listing(trace.listing()),
                events.subList(0, Math.min(events.size(), RunPageController.MAX_LISTED_EVENTS)),
                Math.max(0, events.size() - RunPageController.MAX_LISTED_EVENTS), trace.outcome(), trace.expectations(),
                FindingsPanel.of(trace), share, editUrl);
    }

    /** Puts the page into the model under the names the templates read. */
    public void addTo(Model model) {
        model.addAttribute("entry", entry);
        model.addAttribute("summaryHtml", summaryHtml);
        model.addAttribute("run", run);
        model.addAttribute("step", step);
        model.addAttribute("listing", listing);
        model.addAttribute("events", events);
        model.addAttribute("eventsNotListed", eventsNotListed);
        model.addAttribute("outcome", outcome);
        model.addAttribute("expectations", expectations);
        model.addAttribute("findings", findings.findings());
        if (findings.suggestedExpect() != null) model.addAttribute("suggestedExpect", findings.suggestedExpect());
        model.addAttribute("shareSource", share.shareSource());
        model.addAttribute("lanesParam", share.lanesParam());
        model.addAttribute("back", share.back());
        if (share.og() != null) model.addAttribute("og", share.og());
        model.addAttribute("editUrl", editUrl);
        model.addAttribute("switchChoices", switchChoices());
    }

    /** Returns each switch the run's scenario takes, flipped: the "Compare with..." and "What if..." menus (none without its text). */
    public List<dev.shadowstep.web.switches.SwitchChoice> switchChoices() {
        return run.source() == null ? List.of() : dev.shadowstep.web.switches.SwitchChoice.flipped(run.source());
    }
}
