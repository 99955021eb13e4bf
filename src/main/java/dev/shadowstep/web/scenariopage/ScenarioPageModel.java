package dev.shadowstep.web.scenariopage;

import dev.shadowstep.web.run.StoredRun;
import dev.shadowstep.web.run.RunPageView;
import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.MarkdownLite;
import dev.shadowstep.web.StepParameter;
import dev.shadowstep.web.library.LibraryEntry;
import dev.shadowstep.web.library.RunTags;
import dev.shadowstep.web.review.FindingsPanel;
import dev.shadowstep.web.share.SharePanel;
import java.util.List;
import org.springframework.ui.Model;

/**
 * What the scenario page template ({@code run/page}) and the embed view show of one kept run, built
 * explicitly by each controller that shows one (library and editor runs here, permalinks in
 * web.share): the scenario's words, the run and the step shown first, the listing and events, the
 * outcome and expectations, the Findings panel, the Share panel, and the Edit link (null for none).
 * The entry carries the tags of this run ({@link RunTags}); a lesson's numbered points link to their
 * steps in {@code summaryHtml}, and {@code lesson} holds its questions ({@link LessonView}).
 */
public record ScenarioPageModel(LibraryEntry entry, String summaryHtml, StoredRun run, int step,
                                List<RunPageView.ListingRow> listing, List<RunPageView.EventRow> events,
                                int eventsNotListed, Outcome outcome, List<ExpectationResult> expectations,
                                FindingsPanel findings, SharePanel share, String editUrl, LessonView lesson) {

    /** The scenario page template. */
    public static final String VIEW = RunPageController.PAGE;

    /** Returns the page of {@code run} of {@code entry} at {@code ?step=} (clamped), with its panels. */
    public static ScenarioPageModel of(LibraryEntry entry, StoredRun run, String step, SharePanel share, String editUrl) {
        Trace trace = run.trace();
        List<RunPageView.EventRow> events = RunPageView.events(trace.events());
        LessonView lesson = LessonView.of(entry.yaml(), trace);
        String summaryHtml = lesson.isLesson() ? MarkdownLite.toHtml(entry.summary(), lesson.points())
                : MarkdownLite.toHtml(entry.summary());
        return new ScenarioPageModel(entry.withTags(RunTags.of(trace)), summaryHtml, run,
                StepParameter.clamp(step, run.total(), 0),
                RunPageView.listing(trace.listing()),
                events.subList(0, Math.min(events.size(), RunPageController.MAX_LISTED_EVENTS)),
                Math.max(0, events.size() - RunPageController.MAX_LISTED_EVENTS), trace.outcome(), trace.expectations(),
                FindingsPanel.of(trace), share, editUrl, lesson);
    }

    /** Puts the page into the model under the names the templates read. */
    public void addTo(Model model) {
        model.addAttribute("entry", entry);
        model.addAttribute("summaryHtml", summaryHtml);
        model.addAttribute("lesson", lesson);
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
