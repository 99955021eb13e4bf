package dev.shadowstep.web.run;

import dev.shadowstep.trace.Steps;
import dev.shadowstep.permalink.HttpCaching;
import dev.shadowstep.web.BadRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Pages of a kept run's steps as JSON, so the browser holds only the steps it shows. */
@RestController
class StepPageController {

    static final int MAX_COUNT = 1000;

    private final RunStore runs;
    private final TraceJsonWriter json;

    StepPageController(RunStore runs, TraceJsonWriter json) {
        this.runs = runs;
        this.json = json;
    }

    /**
     * Returns {@code {run, from, total, steps: [...]}} with up to {@code count} steps from {@code from}.
     * A run id is a content address that includes the engine version, so a page of steps never changes:
     * it is cacheable as immutable, and a conditional GET naming its ETag is answered 304 without the run.
     */
    @GetMapping(path = "/api/runs/{id}/steps", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> steps(@PathVariable String id,
                 @RequestParam(name = "from", defaultValue = "0") int from,
                 @RequestParam(name = "count", defaultValue = "256") int count, HttpServletRequest request) {
        String etag = HttpCaching.etag(id);
        if (RunIds.wellFormed(id) && HttpCaching.matches(request, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag)
                    .header(HttpHeaders.CACHE_CONTROL, HttpCaching.IMMUTABLE).build();
        }
        StoredRun run = runs.get(id);
        int total = run.total();
        if (from < 0 || from > total) {
            throw new BadRequestException("from=" + from + " is outside the run: use 0 to " + total + ".");
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new BadRequestException("count=" + count + " is not allowed: ask for 1 to " + MAX_COUNT + " steps.");
        }
        Steps steps = run.trace().steps();
        int to = Math.min(total, from + count);
        StringBuilder out = new StringBuilder(1024 * (to - from) + 64);
        out.append("{\"run\":\"").append(run.id()).append("\",\"from\":").append(from)
                .append(",\"total\":").append(total).append(",\"steps\":[");
        for (int i = from; i < to; i++) {
            out.append(i > from ? "," : "").append(json.stepJson(steps.get(i)));
        }
        return ResponseEntity.ok().eTag(etag).header(HttpHeaders.CACHE_CONTROL, HttpCaching.IMMUTABLE)
                .body(out.append("]}").toString());
    }
}
