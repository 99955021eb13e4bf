package dev.shadowstep.web.library;

import dev.shadowstep.web.editor.StarterScenario;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import dev.shadowstep.web.share.SharePanel;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import jakarta.servlet.http.HttpServletResponse;

/** The home page: the scenario library as cards, with a search that works with and without JavaScript. */
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

    /** Returns the full page, with its link preview; a plain form GET lands here with {@code ?q=}. */
    @GetMapping("/")
    String home(@RequestParam(name = "q", defaultValue = "") String query, Model model, HttpServletRequest request,
                HttpServletResponse response) {
        fill(model, query);
        model.addAttribute("og", SharePanel.libraryHome(baseUrl, request, response));
        return HOME;
    }

    /** Returns just the cards, for htmx; the address bar follows the search so reload keeps it. */
    @GetMapping("/library/cards")
    String cards(@RequestParam(name = "q", defaultValue = "") String query, Model model, HttpServletResponse response) {
        fill(model, query);
        String url = query.isBlank() ? "/" : "/?q=" + URLEncoder.encode(query.strip(), StandardCharsets.UTF_8);
        response.setHeader("HX-Replace-Url", url);
        return CARDS;
    }

    /** Returns the page that explains how to write and run a scenario of one's own. */
    @GetMapping("/new")
    String newScenario(Model model) {
        model.addAttribute("starter", StarterScenario.TEXT);
        return NEW;
    }

    private void fill(Model model, String query) {
        var entries = library.search(query);
        int total = library.entries().size();
        model.addAttribute("query", query.strip());
        model.addAttribute("entries", entries);
        model.addAttribute("countText", query.isBlank()
                ? total + (total == 1 ? " scenario" : " scenarios")
                : entries.size() + " of " + total + " scenarios match “" + query.strip() + "”");
    }
}
