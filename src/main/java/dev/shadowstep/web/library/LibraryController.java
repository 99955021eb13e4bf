package dev.shadowstep.web.library;

import dev.shadowstep.web.editor.StarterScenario;
import dev.shadowstep.web.share.SharePanel;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The home page: the scenario library grouped by topic, the course first, with a ranked search
 * and filter chips (topic, tag) that work with and without JavaScript and live in the address.
 */
@Controller
class LibraryController {

    static final String HOME = "library/home";
    static final String CARDS = "library/cards :: results";
    static final String NEW = "library/new";

    private final ScenarioLibrary library;
    /** The public address for the link preview, or blank (then the request's own, see LinkOrigin). */
    private final String baseUrl;

    LibraryController(ScenarioLibrary library, @Value("${shadowstep.permalink.base-url:}") String baseUrl) {
        this.library = library;
        this.baseUrl = baseUrl;
    }

    /**
     * Returns the full page, with its link preview; a plain form GET lands here with {@code ?q=} (and
     * the chips' {@code topic=}, {@code tag=}).
     */
    @GetMapping("/")
    String home(@RequestParam(name = "q", defaultValue = "") String query,
                @RequestParam(name = "topic", defaultValue = "") String topic,
                @RequestParam(name = "tag", defaultValue = "") String tag, Model model, HttpServletRequest request,
                HttpServletResponse response) {
        fill(model, LibraryView.of(library, query, topic, tag));
        model.addAttribute("og", SharePanel.libraryHome(baseUrl, request, response));
        return HOME;
    }

    /** Returns just the results, for htmx; the address bar follows the search so reload keeps it. */
    @GetMapping("/library/cards")
    String cards(@RequestParam(name = "q", defaultValue = "") String query,
                 @RequestParam(name = "topic", defaultValue = "") String topic,
                 @RequestParam(name = "tag", defaultValue = "") String tag, Model model, HttpServletResponse response) {
        LibraryView view = LibraryView.of(library, query, topic, tag);
        fill(model, view);
        response.setHeader("HX-Replace-Url", view.href());
        return CARDS;
    }

    /** Returns the page that explains how to write and run a scenario of one's own. */
    @GetMapping("/new")
    String newScenario(Model model) {
        model.addAttribute("starter", StarterScenario.TEXT);
        return NEW;
    }

    private static void fill(Model model, LibraryView view) {
        model.addAttribute("view", view);
        model.addAttribute("query", view.query());
        model.addAttribute("countText", view.countText());
    }
}
