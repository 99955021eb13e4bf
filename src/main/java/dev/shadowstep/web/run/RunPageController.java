package dev.shadowstep.web.run;

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

    static final String PAGE = ScenarioPageModel.VIEW;
    static final String INVALID = "run/invalid";

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
        StoredRun run;
        try {
            run = runs.forLibrary(entry);
        } catch (ScenarioRejectedException e) {
            model.addAttribute("entry", entry);
            model.addAttribute("problems", e.problems());
            response.setStatus(422);
            return INVALID;
        }
        ScenarioPageModel.fill(model, entry, run, step);
        return PAGE;
    }

    /** Returns the requested step within [0, total - 1]; anything that is not a number means 0. */
    static int initialStep(String step, int total) {
        return ScenarioPageModel.initialStep(step, total);
    }
}
