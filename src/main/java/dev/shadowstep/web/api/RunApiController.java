package dev.shadowstep.web.api;

import dev.shadowstep.web.library.ScenarioLibrary;
import dev.shadowstep.web.run.RunStore;
import dev.shadowstep.scenario.ScenarioError;
import dev.shadowstep.web.run.StoredRun;
import dev.shadowstep.web.run.TraceJsonWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.shadowstep.web.BadRequestException;
import tools.jackson.databind.json.JsonMapper;

/** The JSON API: run a scenario sent in the body, list the library. */
@RestController
class RunApiController {

    /** The largest scenario accepted, as the scenario format's program limit: 64 KiB. */
    static final int MAX_SCENARIO_BYTES = 64 * 1024;

    /**
     * The most steps {@code /api/run} writes in one answer (about 5 MB of JSON): writing a trace costs
     * a request thread time and the client memory, outside the engine's budget, so a longer run is
     * made and kept, and the answer points to its paged and streamed forms.
     */
    static final int MAX_INLINE_STEPS = 10_000;

    private final RunStore runs;
    private final TraceJsonWriter json;
    private final ScenarioLibrary library;
    private final JsonMapper mapper;

    RunApiController(RunStore runs, TraceJsonWriter json, ScenarioLibrary library, JsonMapper mapper) {
        this.runs = runs;
        this.json = json;
        this.library = library;
        this.mapper = mapper;
    }

    /** Where a made run is read: its id, step count, and the URLs of its pages, steps and stream. */
    record RunLinks(String id, int total, String page, String steps, String stream) {
        static RunLinks of(StoredRun run) {
            String api = "/api/runs/" + run.id();
            return new RunLinks(run.id(), run.total(), "/runs/" + run.id(), api + "/steps?from=0&count="
                    + Math.min(1000, Math.max(1, run.total())), api + "/stream");
        }
    }

    /** The answer for a run too long to write whole: the reason, and where to read it. */
    record TooLong(List<ScenarioError> errors, RunLinks run) {}

    /**
     * Runs the scenario (YAML or JSON) in the body, within the server's run limits, and writes its trace
     * JSON; a run of more than {@value #MAX_INLINE_STEPS} steps is answered 422 with the links to page or
     * stream it (the run is made and kept, so following them costs nothing more).
     */
    @PostMapping(path = "/api/run")
    void run(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StoredRun run = runs.forText(readScenario(request));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (run.total() > MAX_INLINE_STEPS) {
            response.setStatus(422);
            RunLinks links = RunLinks.of(run);
            mapper.writeValue(response.getOutputStream(), new TooLong(List.of(
                    ScenarioError.general(String.format("The run has %,d steps, more than the "
                            + "%,d that /api/run writes in one answer. It is made and kept: read it in pages at %s "
                            + "(up to 1000 steps each) or as server-sent events at %s; POST /api/runs answers "
                            + "with these links for any run.", run.total(), MAX_INLINE_STEPS, links.steps(),
                            links.stream()))), links));
            return;
        }
        json.write(run.trace(), response.getOutputStream());
    }

    /** Runs the scenario in the body (kept, under its content id) and answers 201 with its links, for runs of any length. */
    @PostMapping(path = "/api/runs", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RunLinks> make(HttpServletRequest request) throws IOException {
        RunLinks links = RunLinks.of(runs.forText(readScenario(request)));
        return ResponseEntity.created(URI.create(links.page())).body(links);
    }


    /** Returns the library: slug, title, summary and tags of each built-in scenario. */
    @GetMapping(path = "/api/scenarios", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ScenarioSummary> scenarios() {
        return library.entries().stream()
                .map(e -> new ScenarioSummary(e.slug(), e.title(), e.summary(), e.tags()))
                .toList();
    }

    /**
     * Returns the body as text, reading at most one byte past the limit; a declared length over the
     * limit is refused before a byte is read, so a client cannot hold the connection by promising more.
     */
    static String readScenario(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_SCENARIO_BYTES) throw tooLarge();
        byte[] bytes = request.getInputStream().readNBytes(MAX_SCENARIO_BYTES + 1);
        if (bytes.length > MAX_SCENARIO_BYTES) throw tooLarge();
        if (bytes.length == 0) {
            throw new BadRequestException("The request body is empty: send the scenario file (YAML or JSON) as the body.");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException("The body is not UTF-8 text: save the scenario file as UTF-8 and send it again.");
        }
    }

    private static PayloadTooLargeException tooLarge() {
        return new PayloadTooLargeException("The scenario is larger than " + MAX_SCENARIO_BYTES
                + " bytes (64 KiB), the limit for one scenario. Shorten the program or split the experiment.");
    }
}
