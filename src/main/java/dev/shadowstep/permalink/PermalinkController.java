package dev.shadowstep.permalink;

import dev.shadowstep.run.ServerBusyException;
import dev.shadowstep.scenario.ScenarioException;
import dev.shadowstep.trace.TraceText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The permalink routes. Links are public: anyone with the id can read the scenario, so the API
 * documentation says not to store secrets in one.
 * <ul>
 *   <li>{@code POST /api/permalinks}: body a scenario (YAML or JSON); 201 new, 200 already stored,
 *       400 located errors, 413 over 64 KiB, 429 over the per-address rate (with Retry-After)</li>
 *   <li>{@code GET /s/{id}.yaml}: the source exactly as submitted</li>
 *   <li>{@code GET /s/{id}.json}: the current run as trace JSON, plus a {@code permalink} field with drift</li>
 *   <li>{@code GET /s/{id}.txt}: the current run as 80-column text for email, source first</li>
 * </ul>
 * The page {@code /s/{id}} and {@code /embed/{id}} belong to the web layer, which calls
 * {@link PermalinkService#find}.
 */
@RestController
class PermalinkController {

    static final String DRIFT_HEADER = "Shadowstep-Drift";
    private static final Logger LOG = LoggerFactory.getLogger(PermalinkController.class);
    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final PermalinkService service;
    private final RateLimiter limiter;
    private final String baseUrl;
    private final JsonMapper json;

    private final RateLimiter reads;

    PermalinkController(PermalinkService service, RateLimiter limiter, PermalinkProperties properties,
                        JsonMapper json) {
        this.service = service;
        this.limiter = limiter;
        this.baseUrl = properties.baseUrl();
        this.json = json;
        this.reads = new RateLimiter(properties.readLimit().capacity(), properties.readLimit().perMinute(),
                System::nanoTime);
    }

    /** The body of a created (or found) link. */
    record CreatedBody(String id, String title, LinkUrls urls) {}

    @PostMapping("/api/permalinks")
    ResponseEntity<?> create(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long wait = limiter.acquire(request.getRemoteAddr());
        if (wait > 0) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(wait))
                    .body(ApiProblem.of("too many new links from this address; try again in " + wait
                            + (wait == 1 ? " second" : " seconds")));
        }
        ScenarioBody body = ScenarioBody.read(request);
        if (body.problem() != null) {
            return ResponseEntity.status(body.status()).body(ApiProblem.of(body.problem()));
        }
        PermalinkService.Created created;
        try {
            created = service.create(body.text());
        } catch (ScenarioException e) {
            return ResponseEntity.badRequest().body(ApiProblem.of(e.errors()));
        }
        StoredLink link = created.link();
        LinkUrls urls = LinkUrls.of(LinkOrigin.of(baseUrl, request, response), link.id());
        return ResponseEntity.status(created.isNew() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(java.net.URI.create(LinkUrls.of(LinkOrigin.locationBase(baseUrl, request), link.id()).page()))
                .body(new CreatedBody(link.id(), link.preview().title(), urls));
    }

    @GetMapping("/s/{id}.yaml")
    ResponseEntity<String> source(@PathVariable String id, HttpServletRequest request) {
        Optional<String> problem = PermalinkIds.problem(id);
        if (problem.isPresent()) {
            return notFoundText(problem.get());
        }
        String etag = "\"" + id + "\"";
        if (HttpCaching.matches(request, etag) && service.stored(id).isPresent()) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag)
                    .header(HttpHeaders.CACHE_CONTROL, HttpCaching.IMMUTABLE).build();
        }
        return service.stored(id)
                .map(link -> ResponseEntity.ok()
                        .contentType(TEXT)
                        // the text behind an id never changes
                        .eTag(etag)
                        .header(HttpHeaders.CACHE_CONTROL, HttpCaching.IMMUTABLE)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + id + ".yaml\"")
                        .header("X-Content-Type-Options", "nosniff")
                        .body(link.source()))
                .orElseGet(() -> notFoundText(unknown(id)));
    }

    @GetMapping("/s/{id}.json")
    void json(@PathVariable String id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Permalink> link = open(id, request, response, true);
        if (link.isEmpty()) {
            return;
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        PermalinkJson.write(link.get(), response.getOutputStream());
    }

    @GetMapping("/s/{id}.txt")
    void text(@PathVariable String id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Permalink> found = open(id, request, response, false);
        if (found.isEmpty()) {
            return;
        }
        Permalink link = found.get();
        response.setContentType(TEXT.toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        PrintWriter out = response.getWriter();
        TraceText.write(link.trace(), link.link().source(), out);
        out.append('\n');
        TextFooter.write(link, LinkUrls.of(LinkOrigin.of(baseUrl, request, response), link.id()).page(), out);
        out.flush();
    }

    /**
     * Returns the opened link with its drift and caching headers set, or empty after writing the 304,
     * 404, 429 or 503. The ETag is the link id with the engine version: for one engine a link's run
     * cannot change, so a conditional GET that names it is answered 304 without running anything.
     */
    private Optional<Permalink> open(String id, HttpServletRequest request, HttpServletResponse response,
                                     boolean json) throws IOException {
        Optional<String> problem = PermalinkIds.problem(id);
        String etag = HttpCaching.etag(id);
        if (problem.isEmpty() && HttpCaching.matches(request, etag) && service.stored(id).isPresent()) {
            response.setStatus(HttpStatus.NOT_MODIFIED.value());
            response.setHeader(HttpHeaders.ETAG, etag);
            return Optional.empty();
        }
        long wait = problem.isPresent() ? 0 : reads.acquire(request.getRemoteAddr());
        if (wait > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
            error(response, HttpStatus.TOO_MANY_REQUESTS, "too many trace reads from this address; try again in "
                    + wait + (wait == 1 ? " second" : " seconds") + " (a conditional GET with the ETag is not counted)",
                    json);
            return Optional.empty();
        }
        Optional<Permalink> link = problem.isPresent() ? Optional.empty() : service.find(id);
        if (link.isEmpty()) {
            error(response, HttpStatus.NOT_FOUND, problem.orElseGet(() -> unknown(id)), json);
            return Optional.empty();
        }
        response.setHeader(DRIFT_HEADER, link.get().drift().header());
        if (link.get().trace() == null) {
            error(response, HttpStatus.SERVICE_UNAVAILABLE, link.get().drift().message()
                    + " The scenario source is at " + LinkUrls.of(LinkOrigin.locationBase(baseUrl, request), id).yaml(), json);
            return Optional.empty();
        }
        response.setHeader(HttpHeaders.ETAG, etag);
        // a drifted or unknown verdict is news to show, so it is revalidated; the text form names the
        // request's own origin when no base URL is set, and a reflected origin is never cached for others
        boolean immutable = link.get().drift().status() == Drift.Status.NONE && (json || !baseUrl.isBlank());
        response.setHeader(HttpHeaders.CACHE_CONTROL, immutable ? HttpCaching.IMMUTABLE_FOR_ENGINE : "no-cache");
        return link;
    }

    private void error(HttpServletResponse response, HttpStatus status, String message, boolean json)
            throws IOException {
        response.setStatus(status.value());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (json) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            this.json.writeValue(response.getOutputStream(), ApiProblem.of(message));
        } else {
            response.setContentType(TEXT.toString());
            response.getWriter().append(message).append('\n').flush();
        }
    }

    /** The store refuses writes (its file was deleted or replaced): 503 with what happened; logged by the store. */
    @ExceptionHandler(StoreUnavailableException.class)
    ResponseEntity<ApiProblem> storeUnavailable(StoreUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ApiProblem.of(e.getMessage()));
    }

    /** The engine could not take the run now: 503 with Retry-After, as every run answers. */
    @ExceptionHandler(ServerBusyException.class)
    ResponseEntity<ApiProblem> busy(ServerBusyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).body(ApiProblem.of(e.getMessage()));
    }

    /** An engine or store failure: a clear 500 for the client, the stack trace only in the server log. */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ApiProblem> failure(RuntimeException e, HttpServletRequest request) {
        LOG.error("permalink request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        return ResponseEntity.internalServerError().body(ApiProblem.of("the server failed on this request; "
                + "it is logged. If it repeats, please report it with the scenario"));
    }

    private static ResponseEntity<String> notFoundText(String message) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(TEXT).body(message + "\n");
    }

    private static String unknown(String id) {
        return "No permalink has the id '" + id + "'. Check that the whole link was copied; ids are never "
                + "reused or removed, so a link that once worked on this server still does.";
    }
}
