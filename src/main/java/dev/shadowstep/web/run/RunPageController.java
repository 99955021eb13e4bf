package dev.shadowstep.web.run;

import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.MarkdownLite;
import dev.shadowstep.web.UnknownScenarioException;
import dev.shadowstep.web.library.LibraryEntry;
import dev.shadowstep.web.library.ScenarioLibrary;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The scenario page: listing, timeline, inspector and controls for one library scenario. */
@Controller
class RunPageController {

    static final String PAGE = "run/page";
    static final String INVALID = "run/invalid";
    /** The events list stops here; the timeline still marks every event. */
    static final int MAX_LISTED_EVENTS = 500;

    private final ScenarioLibrary library;
    private final RunStore runs;

    RunPageController(ScenarioLibrary library, RunStore runs) {
        this.library = library;
        this.runs = runs;
    }

    /** Returns the page; {@code ?step=N} selects the step shown first (clamped to the run). */
    @GetMapping("/scenarios/{slug}")
    String page(@PathVariable String slug, @RequestParam(name = "step", required = false) String step,
                Model model, HttpServletResponse response) {
        LibraryEntry entry = library.find(slug).orElseThrow(() -> new UnknownScenarioException(slug));
        model.addAttribute("entry", entry);
        model.addAttribute("summaryHtml", MarkdownLite.toHtml(entry.summary()));
        StoredRun run;
        try {
            run = runs.forLibrary(entry);
        } catch (ScenarioRejectedException e) {
            model.addAttribute("problems", e.problems());
            response.setStatus(422);
            return INVALID;
        }
        Trace trace = run.trace();
        model.addAttribute("run", run);
        model.addAttribute("step", initialStep(step, run.total()));
        model.addAttribute("listing", RunPageView.listing(trace.listing()));
        var events = RunPageView.events(trace.events());
        model.addAttribute("events", events.subList(0, Math.min(events.size(), MAX_LISTED_EVENTS)));
        model.addAttribute("eventsNotListed", Math.max(0, events.size() - MAX_LISTED_EVENTS));
        model.addAttribute("outcome", trace.outcome());
        model.addAttribute("expectations", trace.expectations());
        return PAGE;
    }

    /** Returns the requested step within [0, total - 1]; anything that is not a number means 0. */
    static int initialStep(String step, int total) {
        int n;
        try {
            n = step == null ? 0 : Integer.parseInt(step.strip());
        } catch (NumberFormatException e) {
            n = 0;
        }
        return Math.max(0, Math.min(n, total - 1));
    }
}
