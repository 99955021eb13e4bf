package dev.shadowstep.web.compare;

import dev.shadowstep.permalink.HttpCaching;
import dev.shadowstep.permalink.LinkOrigin;
import dev.shadowstep.permalink.PermalinkProperties;
import dev.shadowstep.permalink.PermalinkService;
import dev.shadowstep.permalink.RateLimiter;
import dev.shadowstep.scenario.ScenarioException;
import dev.shadowstep.web.BadRequestException;
import dev.shadowstep.web.run.RunStore;
import dev.shadowstep.web.run.StoredRun;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compare links: {@code /s/{idA}/vs/{idB}} (the compare page of two permalinks, {@code ?step=N}),
 * {@code .txt} (80 columns) and {@code .json} (src/docs/compare-format.md); the Share button of the
 * compare page ({@code POST /compare/share}) makes both permalinks and answers with the link. Both
 * ids are content addresses, so a link's comparison changes only with the engine version: the
 * cache headers are those of a permalink's run ({@link HttpCaching}).
 */
@Controller
class CompareLinkController {

    private final Comparisons comparisons;
    private final PermalinkService permalinks;
    private final RateLimiter limiter;
    private final RunStore runs;
    private final JsonMapper json;
    private final String baseUrl;

    CompareLinkController(Comparisons comparisons, PermalinkService permalinks, RateLimiter limiter, RunStore runs,
                          JsonMapper json, PermalinkProperties properties) {
        this.comparisons = comparisons;
        this.permalinks = permalinks;
        this.limiter = limiter;
        this.runs = runs;
        this.json = json;
        this.baseUrl = properties.baseUrl();
    }

    @GetMapping("/s/{a}/vs/{b}")
    String page(@PathVariable String a, @PathVariable String b, @RequestParam(name = "step", required = false) String step,
                Model model, HttpServletRequest request, HttpServletResponse response) {
        if (notModified(a, b, request, response)) return null;
        Comparisons.Compared c = compared(a, b);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache"); // the page names the request's origin in links
        String title = dev.shadowstep.web.library.ScenarioLibrary.entry(null, c.a().source()).title();
        return CompareController.show(model, ComparePages.of(c, title, c.a().href(), List.of(), List.of(), step,
                ComparePages.editHref(c.a(), null)));
    }

    @GetMapping("/s/{a}/vs/{b}.json")
    void json(@PathVariable String a, @PathVariable String b, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (notModified(a, b, request, response)) return;
        Comparisons.Compared c = compared(a, b);
        cacheable(a, b, response, true);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), CompareJson.of(c, DifferenceRow.of(c.comparison().differences(), c.rows())));
    }

    @GetMapping("/s/{a}/vs/{b}.txt")
    void text(@PathVariable String a, @PathVariable String b, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (notModified(a, b, request, response)) return;
        Comparisons.Compared c = compared(a, b);
        String origin = LinkOrigin.of(baseUrl, request, response);
        cacheable(a, b, response, !baseUrl.isBlank());
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        PrintWriter out = response.getWriter();
        CompareText.write(c, DifferenceRow.of(c.comparison().differences(), c.rows()), origin + "/s/" + a + "/vs/" + b, out);
        out.flush();
    }

    /** Makes (or finds) a permalink for each run's scenario and answers with the compare link, at {@code step}. */
    @PostMapping("/compare/share")
    String share(@RequestParam("a") String runA, @RequestParam("b") String runB,
                 @RequestParam(name = "step", required = false) Integer step, HttpServletRequest request,
                 HttpServletResponse response) {
        long wait = limiter.acquire(request.getRemoteAddr());
        if (wait > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
            throw new BadRequestException("Too many links made from this address; try again in " + wait + " s.");
        }
        String idA = link("A", runs.get(runA));
        String idB = link("B", runs.get(runB));
        return "redirect:/s/" + idA + "/vs/" + idB + (step == null ? "" : "?step=" + Math.max(0, step));
    }

    private String link(String key, StoredRun run) {
        if (run.source() == null) throw new BadRequestException("Run " + key + " has no scenario text to share.");
        try {
            return permalinks.create(run.source()).link().id();
        } catch (ScenarioException e) {
            throw new BadRequestException("Run " + key + " cannot be shared: " + e.errors().getFirst().describe());
        }
    }

    private Comparisons.Compared compared(String a, String b) {
        return comparisons.compareNamed(comparisons.permalink("a", a), comparisons.permalink("b", b), "as written", "with ");
    }

    /** Answers a conditional GET that names this engine's comparison of the two links with 304. */
    private boolean notModified(String a, String b, HttpServletRequest request, HttpServletResponse response) {
        String etag = HttpCaching.etag(a + ".vs." + b);
        if (!HttpCaching.matches(request, etag) || permalinks.stored(a).isEmpty() || permalinks.stored(b).isEmpty()) {
            return false;
        }
        response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
        response.setHeader(HttpHeaders.ETAG, etag);
        return true;
    }

    private static void cacheable(String a, String b, HttpServletResponse response, boolean immutable) {
        response.setHeader(HttpHeaders.ETAG, HttpCaching.etag(a + ".vs." + b));
        // a form that names the request's own origin is never cached for others (as a permalink's .txt)
        response.setHeader(HttpHeaders.CACHE_CONTROL, immutable ? HttpCaching.IMMUTABLE_FOR_ENGINE : "no-store");
    }
}
