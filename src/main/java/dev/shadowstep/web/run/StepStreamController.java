package dev.shadowstep.web.run;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams a kept run as server-sent events: {@code step} events (the step JSON, id = index),
 * then one {@code end} event with the events, outcome and expectations. A reconnecting
 * EventSource resumes after its Last-Event-ID.
 */
@RestController
class StepStreamController {

    private final RunStore runs;
    private final TraceJsonWriter json;
    private final ExecutorService streamExecutor;

    StepStreamController(RunStore runs, TraceJsonWriter json, ExecutorService streamExecutor) {
        this.runs = runs;
        this.json = json;
        this.streamExecutor = streamExecutor;
    }

    /** Returns the stream; {@code from} (or Last-Event-ID + 1) is the first step sent. */
    @GetMapping(path = "/api/runs/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String id,
                      @RequestParam(name = "from", defaultValue = "0") int from,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        StoredRun run = runs.get(id);
        int start = Math.max(0, Math.min(resumeFrom(from, lastEventId), run.total()));
        SseEmitter emitter = new SseEmitter(0L);
        StepStreamer streamer = new StepStreamer(run.trace().steps(), json::stepJson, endJson(run), emitter);
        emitter.onCompletion(streamer::stop);
        emitter.onTimeout(streamer::stop);
        emitter.onError(e -> streamer.stop());
        streamExecutor.execute(() -> streamer.streamFrom(start));
        return emitter;
    }

    private String endJson(StoredRun run) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        json.write(json.header(run.trace()), out);
        String header = out.toString(StandardCharsets.UTF_8);
        // the end event also says how many steps there were, so a client can check it has them all
        return "{\"total\":" + run.total() + "," + header.substring(1);
    }

    static int resumeFrom(int from, String lastEventId) {
        if (lastEventId != null) {
            try {
                return Integer.parseInt(lastEventId.strip()) + 1;
            } catch (NumberFormatException ignored) {
                // not one of our ids: start where the request asks
            }
        }
        return from;
    }
}
