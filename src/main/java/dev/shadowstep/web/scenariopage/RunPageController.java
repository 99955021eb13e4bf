package dev.shadowstep.web.scenariopage;

import dev.shadowstep.web.run.RunStore;
import dev.shadowstep.web.run.StoredRun;
import dev.shadowstep.web.run.UnknownRunException;
import dev.shadowstep.web.run.ScenarioRejectedException;
import dev.shadowstep.run.ServerBusyException;
import dev.shadowstep.web.ErrorPage;
import dev.shadowstep.web.MarkdownLite;
import dev.shadowstep.web.UnknownScenarioException;
import dev.shadowstep.web.library.LibraryEntry;
import dev.shadowstep.web.library.ScenarioLibrary;
import dev.shadowstep.web.share.SharePanel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.util.List;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The scenario page: listing, timeline, inspector and controls for one library scenario. */
@Controller
class RunPageController {

    static final String PAGE = "run/page";
    static final String INVALID = "run/invalid";
    /** The events list stops here; the timeline still marks every event. */
    static final int MAX_LISTED_EVENTS = 500;

    private final ScenarioLibrary library;
    private final RunStore runs;
    /** The public address for link previews, or blank (then the request's own, see LinkOrigin). */
    private final String baseUrl;

    RunPageController(ScenarioLibrary library, RunStore runs, @Value("${shadowstep.permalink.base-url:}") String baseUrl) {
        this.library = library;
        this.runs = runs;
        this.baseUrl = baseUrl;
    }

    /** Returns the page; {@code ?step=N} selects the step shown first (clamped to the run). */
    @GetMapping("/scenarios/{slug}")
    String page(@PathVariable String slug, @RequestParam(name = "step", required = false) String step,
                Model model, HttpServletRequest request, HttpServletResponse response) {
        LibraryEntry entry = library.find(slug).orElseThrow(() -> new UnknownScenarioException(slug));
        StoredRun run;
        try {
            run = runs.forLibrary(entry);
        } catch (ScenarioRejectedException e) {
            model.addAttribute("entry", entry);
            model.addAttribute("summaryHtml", MarkdownLite.toHtml(entry.summary()));
            model.addAttribute("problems", e.problems());
            response.setStatus(422);
            return INVALID;
        }
        SharePanel share = SharePanel.of(entry.yaml(), SharePanel.libraryScenario(entry.slug(), entry.title(), entry.summary(),
                baseUrl, request, response), request);
        ScenarioPageModel.of(entry, run, step, share,
                "/editor?scenario=" + URLEncoder.encode(entry.slug(), StandardCharsets.UTF_8)).addTo(model);
        if (entry.isLesson()) {
            List<LibraryEntry> course = library.course();
            int at = course.indexOf(entry);
            model.addAttribute("lessonCount", course.size());
            model.addAttribute("previousLesson", at > 0 ? course.get(at - 1) : null);
            model.addAttribute("nextLesson", at >= 0 && at + 1 < course.size() ? course.get(at + 1) : null);
        }
        return PAGE;
    }

    /** Returns the page of a run from the editor or a comparison, read from its scenario text; {@code ?step=N} as above. */
    @GetMapping("/runs/{id}")
    String adHoc(@PathVariable String id, @RequestParam(name = "step", required = false) String step, Model model,
                 HttpServletRequest request) {
        StoredRun run = runs.get(id);
        LibraryEntry entry = ScenarioLibrary.entry(null, run.source() == null ? "" : run.source());
        // no preview: a run from the editor has no address of its own; the Edit link opens its text in the editor
        ScenarioPageModel.of(entry, run, step, SharePanel.of(entry.yaml(), null, request),
                run.source() == null ? null : "/editor?run=" + run.id()).addTo(model);
        return PAGE;
    }

    /** Returns the 404 page for a run that is not (or no longer) kept: runs from the editor are kept for a while. */
    @ExceptionHandler(UnknownRunException.class)
    ModelAndView unknownRun(UnknownRunException e) {
        return ErrorPage.of(HttpStatus.NOT_FOUND, "Run not found", "This run is no longer kept on the server "
                + "(it keeps the most recent runs). Run the scenario again from the editor or the library.");
    }

    /** Returns the 503 page when the engine cannot take the run now (a library page, or a run made again). */
    @ExceptionHandler(ServerBusyException.class)
    ModelAndView busy(ServerBusyException e, HttpServletResponse response) {
        return ErrorPage.busy(e, response);
    }

}
