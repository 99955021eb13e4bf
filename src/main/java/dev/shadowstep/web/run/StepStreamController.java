package dev.shadowstep.web.run;

import dev.shadowstep.run.ServerBusyException;
import dev.shadowstep.web.WebProperties;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import dev.shadowstep.trace.Steps;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams a run as server-sent events: {@code step} events (the step JSON, id = index), then one
 * {@code end} event with the events, outcome and expectations. A reconnecting EventSource resumes
 * after its Last-Event-ID, on any instance: the run id names the run everywhere ({@link RunStore}).
 * At most {@code shadowstep.web.max-streams} streams are open at once; past that the answer is 503
 * with Retry-After (fewer on a small heap, {@code WebProperties.streamCap}). Each stream holds one
 * batch of bounded bytes ({@link StepStreamer}); streams take turns, a batch each, on the stream
 * threads; a reader that stops reading is dropped by the server's write timeout, a slow one after a
 * slow batch, and either may resume with Last-Event-ID.
 */
@RestController
class StepStreamController {

    private final RunStore runs;
    private final TraceJsonWriter json;
    private final ExecutorService streamExecutor;
    private final Semaphore open;
    private final int maxStreams;
    private final Map<Steps, String> endJsons = new WeakHashMap<>();

    StepStreamController(RunStore runs, TraceJsonWriter json, ExecutorService streamExecutor,
                         WebProperties properties) {
        this.runs = runs;
        this.json = json;
        this.streamExecutor = streamExecutor;
        this.maxStreams = properties.streamCap();
        this.open = new Semaphore(maxStreams);
    }

    /** Returns the stream; {@code from} (or Last-Event-ID + 1) is the first step sent. */
    @GetMapping(path = "/api/runs/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String id,
                      @RequestParam(name = "from", defaultValue = "0") int from,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        StoredRun run = runs.get(id);
        int start = resumeFrom(from, lastEventId, run.total());
        if (!open.tryAcquire()) {
            throw new ServerBusyException("The server has " + maxStreams + " streams open, its limit; "
                    + "try again in a few seconds.", 5);
        }
        ReadyEmitter emitter = new ReadyEmitter();
        StepStreamer streamer = new StepStreamer(run.trace().steps(), json::stepJson, () -> endJson(run), emitter);
        Runnable closed = once(() -> {
            streamer.stop();
            open.release();
        });
        emitter.onCompletion(closed);
        emitter.onTimeout(closed);
        emitter.onError(e -> closed.run());
        emitter.whenReady(() -> streamExecutor.execute(new Turn(streamer.from(start))));
        return emitter;
    }

    /** One batch of one stream on a stream thread; the next batch queues behind the other streams' turns. */
    private final class Turn implements Runnable {
        private final StepStreamer streamer;

        Turn(StepStreamer streamer) {
            this.streamer = streamer;
        }

        @Override
        public void run() {
            if (streamer.sendNext()) streamExecutor.execute(this);
        }
    }

    /**
     * Returns the end event of the run, made once per run and kept as long as its steps are (a long
     * KVM run's events are megabytes of JSON: one copy per open stream filled a small heap).
     */
    private String endJson(StoredRun run) {
        synchronized (endJsons) {
            return endJsons.computeIfAbsent(run.trace().steps(), steps -> makeEndJson(run));
        }
    }

    private String makeEndJson(StoredRun run) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        json.write(json.header(run.trace()), out);
        String header = out.toString(StandardCharsets.UTF_8);
        // the end event also says how many steps there were, so a client can check it has them all
        return "{\"total\":" + run.total() + "," + header.substring(1);
    }

    /**
     * Returns the first step to send, within [0, total]: the step after Last-Event-ID when that is a
     * number (any number: a huge one means the client has everything, a negative one nothing), else
     * {@code from}.
     */
    static int resumeFrom(int from, String lastEventId, int total) {
        long next = from;
        if (lastEventId != null) {
            try {
                next = Long.parseLong(lastEventId.strip()) + 1;
            } catch (NumberFormatException e) {
                // past a long: a run of digits is still a place, at one end; anything else is not one of our ids
                String t = lastEventId.strip();
                if (t.matches("\\d+")) next = total;
                else if (t.matches("-\\d+")) next = 0;
            }
        }
        return (int) Math.clamp(next, 0, total);
    }

    private static Runnable once(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) action.run();
        };
    }
}
