package dev.shadowstep.web.share;

import dev.shadowstep.permalink.LinkOrigin;
import dev.shadowstep.permalink.LinkUrls;
import dev.shadowstep.permalink.Permalink;
import dev.shadowstep.permalink.PermalinkProperties;
import dev.shadowstep.web.library.LibraryEntry;
import dev.shadowstep.web.library.ScenarioLibrary;
import dev.shadowstep.web.scenariopage.ScenarioPageModel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages of a permalink: {@code /s/{id}} is the scenario page of the link (its title, summary
 * and the current engine's run, with a notice when that run differs from the stored one), and
 * {@code /embed/{id}} the compact view for iframes. Both take {@code ?step=N&lanes=...}.
 */
@Controller
class PermalinkPageController {

    static final String EMBED = "share/embed";
    static final String UNAVAILABLE = "share/unavailable";

    private final OpenedLinks links;
    private final String baseUrl;

    PermalinkPageController(OpenedLinks links, PermalinkProperties properties) {
        this.links = links;
        this.baseUrl = properties.baseUrl();
    }

    /** Returns the scenario page of the link, at {@code ?step=N}. */
    @GetMapping("/s/{id}")
    String page(@PathVariable String id, @RequestParam(name = "step", required = false) String step,
                Model model, HttpServletRequest request, HttpServletResponse response) {
        return show(ScenarioPageModel.VIEW, id, step, model, request, response);
    }

    /** Returns the compact read-only view (timeline, inspector, step buttons) that pages may frame. */
    @GetMapping("/embed/{id}")
    String embed(@PathVariable String id, @RequestParam(name = "step", required = false) String step,
                 Model model, HttpServletRequest request, HttpServletResponse response) {
        return show(EMBED, id, step, model, request, response);
    }

    private String show(String view, String id, String step, Model model, HttpServletRequest request,
                        HttpServletResponse response) {
        OpenedLinks.Opened opened = links.open(id);
        Permalink link = opened.link();
        LinkUrls urls = LinkUrls.of(LinkOrigin.of(baseUrl, request, response), id);
        LibraryEntry entry = ScenarioLibrary.entry(null, link.link().source());
        model.addAttribute("permalinkId", id);
        model.addAttribute("urls", urls);
        model.addAttribute("drift", DriftNotice.of(link.link(), link.drift()));
        SharePanel share = SharePanel.of(link.link().source(), OpenGraph.of(link.link().preview(), urls.page()), request);
        if (opened.run() == null) {
            model.addAttribute("og", share.og());
            model.addAttribute("shareSource", share.shareSource());
            model.addAttribute("lanesParam", share.lanesParam());
            model.addAttribute("entry", entry);
            model.addAttribute("source", link.link().source());
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return UNAVAILABLE;
        }
        // "Edit a copy": the link's text in the editor; sharing the edit makes a new link, this one never changes
        ScenarioPageModel.of(entry, opened.run(), step, share, "/editor?link=" + id).addTo(model);
        return view;
    }
}
