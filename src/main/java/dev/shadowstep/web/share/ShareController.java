package dev.shadowstep.web.share;

import dev.shadowstep.permalink.LinkUrls;
import dev.shadowstep.permalink.PermalinkProperties;
import dev.shadowstep.permalink.PermalinkService;
import dev.shadowstep.permalink.RateLimiter;
import dev.shadowstep.permalink.StoredLink;
import dev.shadowstep.scenario.ScenarioException;
import dev.shadowstep.scenario.ScenarioLoader;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Share button: the scenario page's form posts the scenario (multipart, so it never takes
 * the API's raw-body posts) to {@code /api/permalinks}. With htmx the answer is the panel with
 * the link in every form; without JavaScript it is a page with the same panel. Refusals (400
 * invalid, 413 too large, 429 too many) answer the same way, with the reason in words.
 */
@Controller
class ShareController {

    static final String PANEL = "share/panel :: result";
    static final String PAGE = "share/created";
    /** Marks answers that are the panel, so the page script swaps in refusals and nothing else. */
    static final String PANEL_HEADER = "Shadowstep-Share";

    private final PermalinkService permalinks;
    private final RateLimiter limiter;
    private final String baseUrl;

    ShareController(PermalinkService permalinks, RateLimiter limiter, PermalinkProperties properties) {
        this.permalinks = permalinks;
        this.limiter = limiter;
        this.baseUrl = properties.baseUrl();
    }

    /** Returns the share panel (htmx) or page (a plain form post) with the link or the reason there is none. */
    @PostMapping(path = "/api/permalinks", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String share(@RequestParam(name = "source", required = false) String source,
                 @RequestParam(name = "step", required = false) String step,
                 @RequestParam(name = "lanes", required = false) String lanes,
                 @RequestParam(name = "back", required = false) String back,
                 @RequestHeader(name = "HX-Request", required = false) String htmx,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        String view = "true".equals(htmx) ? PANEL : PAGE;
        response.setHeader(PANEL_HEADER, "panel");
        model.addAttribute("back", BackLink.orNull(back));
        long wait = limiter.acquire(request.getRemoteAddr());
        if (wait > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
            return refuse(view, HttpStatus.TOO_MANY_REQUESTS, "Too many new links from this address in a short "
                    + "time. Try again in " + wait + (wait == 1 ? " second." : " seconds."), response, model);
        }
        if (source == null || source.isBlank()) {
            return refuse(view, HttpStatus.BAD_REQUEST, "The form sent no scenario to share. Reload the "
                    + "scenario page and press Share again.", response, model);
        }
        // a browser sends form text with CRLF line ends whatever the page held
        String text = source.replace("\r\n", "\n");
        if (text.getBytes(StandardCharsets.UTF_8).length > ScenarioLoader.MAX_BYTES) {
            return refuse(view, HttpStatus.CONTENT_TOO_LARGE, "The scenario is larger than 64 KiB, the limit "
                    + "for one link. Shorten the program or split the experiment.", response, model);
        }
        PermalinkService.Created created;
        try {
            created = permalinks.create(text);
        } catch (ScenarioException e) {
            model.addAttribute("shareProblems", e.errors());
            return refuse(view, HttpStatus.BAD_REQUEST, "This scenario cannot be shared as it is. Each problem "
                    + "says where it is and how to fix it:", response, model);
        }
        StoredLink link = created.link();
        LinkUrls urls = LinkUrls.of(Origins.of(request, baseUrl), link.id());
        response.setStatus(created.isNew() ? HttpStatus.CREATED.value() : HttpStatus.OK.value());
        model.addAttribute("links", ShareLinks.of(urls, link.id(), link.preview().title(), LinkParams.step(step),
                LinkParams.lanes(lanes)));
        return view;
    }

    private static String refuse(String view, HttpStatus status, String message, HttpServletResponse response,
                                 Model model) {
        response.setStatus(status.value());
        model.addAttribute("shareError", message);
        return view;
    }
}
