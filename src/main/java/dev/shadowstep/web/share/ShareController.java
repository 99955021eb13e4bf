package dev.shadowstep.web.share;

import dev.shadowstep.permalink.LinkOrigin;
import dev.shadowstep.permalink.LinkUrls;
import dev.shadowstep.permalink.PermalinkProperties;
import dev.shadowstep.permalink.PermalinkService;
import dev.shadowstep.permalink.RateLimiter;
import dev.shadowstep.permalink.StoreUnavailableException;
import dev.shadowstep.permalink.StoredLink;
import dev.shadowstep.scenario.ScenarioException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

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
    String share(@RequestHeader(name = "HX-Request", required = false) String htmx,
                 HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        String view = "true".equals(htmx) ? PANEL : PAGE;
        response.setHeader(PANEL_HEADER, "panel");
        SharedForm form;
        try {
            form = SharedForm.read(request);
        } catch (MaxUploadSizeExceededException e) {
            return refuse(view, HttpStatus.CONTENT_TOO_LARGE, "The upload is larger than this server takes for "
                    + "one scenario (64 KiB). Shorten the program or split the experiment.", response, model);
        } catch (MultipartException | IllegalStateException e) {
            // multipart is parsed lazily (spring.servlet.multipart.resolve-lazily), so a broken body lands here;
            // Tomcat's getParameter parses the parts itself and throws IllegalStateException (InvalidParameterException)
            return refuse(view, HttpStatus.BAD_REQUEST, "The upload could not be read as a form: send "
                    + "multipart/form-data with a boundary and a part named 'source' holding the scenario.",
                    response, model);
        }
        model.addAttribute("back", BackLink.orNull(form.back()));
        long wait = limiter.acquire(request.getRemoteAddr());
        if (wait > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
            return refuse(view, HttpStatus.TOO_MANY_REQUESTS, "Too many new links from this address in a short "
                    + "time. Try again in " + wait + (wait == 1 ? " second." : " seconds."), response, model);
        }
        if (form.problem() != null) {
            return refuse(view, form.status(), form.problem(), response, model);
        }
        PermalinkService.Created created;
        try {
            created = permalinks.create(form.text());
        } catch (StoreUnavailableException e) {
            return refuse(view, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), response, model);
        } catch (ScenarioException e) {
            model.addAttribute("shareProblems", e.errors());
            return refuse(view, HttpStatus.BAD_REQUEST, "This scenario cannot be shared as it is. Each problem "
                    + "says where it is and how to fix it:", response, model);
        }
        StoredLink link = created.link();
        LinkUrls urls = LinkUrls.of(LinkOrigin.of(baseUrl, request, response), link.id());
        response.setStatus(created.isNew() ? HttpStatus.CREATED.value() : HttpStatus.OK.value());
        model.addAttribute("links", ShareLinks.of(urls, link.id(), link.preview().title(), LinkParams.step(form.step()),
                LinkParams.lanes(form.lanes())));
        return view;
    }

    private static String refuse(String view, HttpStatus status, String message, HttpServletResponse response,
                                 Model model) {
        response.setStatus(status.value());
        model.addAttribute("shareError", message);
        return view;
    }
}
