package dev.shadowstep.web.api;

import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.library.ScenarioLibrary;
import dev.shadowstep.web.run.RunGuard;
import dev.shadowstep.web.run.TraceJsonWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.shadowstep.web.BadRequestException;

/** The JSON API: run a scenario sent in the body, list the library. */
@RestController
class RunApiController {

    /** The largest scenario accepted, as the scenario format's program limit: 64 KiB. */
    static final int MAX_SCENARIO_BYTES = 64 * 1024;

    private final RunGuard engine;
    private final TraceJsonWriter json;
    private final ScenarioLibrary library;

    RunApiController(RunGuard engine, TraceJsonWriter json, ScenarioLibrary library) {
        this.engine = engine;
        this.json = json;
        this.library = library;
    }

    /** Runs the scenario (YAML or JSON) in the body, within the server's run limits, and writes its trace JSON. */
    @PostMapping(path = "/api/run")
    void run(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Trace trace = engine.run(readScenario(request));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.write(trace, response.getOutputStream());
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
