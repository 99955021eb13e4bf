package dev.shadowstep.web.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.trace.Step;
import dev.shadowstep.web.FakeTraces;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

class StepStreamerTest {

    /** Records each flush (one send of a set of SSE pieces) as the text it would write. */
    static class RecordingEmitter extends SseEmitter {
        final List<String> flushes = new ArrayList<>();
        boolean completed;
        int failAfter = Integer.MAX_VALUE;

        @Override
        public void send(Set<DataWithMediaType> items) throws IOException {
            if (flushes.size() >= failAfter) {
                throw new IOException("client went away");
            }
            flushes.add(items.stream().map(d -> d.getData().toString()).collect(Collectors.joining()));
        }

        @Override
        public void complete() {
            completed = true;
        }

        long steps() {
            return flushes.stream().mapToLong(f -> f.split("event:step", -1).length - 1).sum();
        }
    }

    static StepStreamer streamer(int steps, RecordingEmitter emitter) {
        return new StepStreamer(FakeTraces.longLoop(steps).steps(), (Step s) -> "{\"index\":" + s.index() + "}", () -> "{\"end\":true}", emitter);
    }

    @Test
    void theFirstStepIsSentAloneSoItReachesTheScreenAtOnce() {
        RecordingEmitter emitter = new RecordingEmitter();
        streamer(100_000, emitter).streamFrom(0);
        assertThat(emitter.flushes.getFirst()).isEqualTo("id:0\nevent:step\ndata:{\"index\":0}\n\n");
    }

    @Test
    void laterStepsGoOutInBatchesOfAtMost512() {
        RecordingEmitter emitter = new RecordingEmitter();
        streamer(100_000, emitter).streamFrom(0);
        assertThat(emitter.steps()).isEqualTo(100_000);
        assertThat(emitter.flushes.size()).isLessThan(100_000 / 100);
        assertThat(emitter.flushes.stream().mapToLong(f -> f.split("event:step", -1).length - 1).max().orElseThrow())
                .isLessThanOrEqualTo(StepStreamer.MAX_BATCH);
    }

    @Test
    void theEndEventComesLastAndCompletesTheStream() {
        RecordingEmitter emitter = new RecordingEmitter();
        streamer(10, emitter).streamFrom(0);
        assertThat(emitter.flushes.getLast()).isEqualTo("event:end\ndata:{\"end\":true}\n\n");
        assertThat(emitter.completed).isTrue();
    }

    @Test
    void aStreamCanStartInTheMiddle() {
        RecordingEmitter emitter = new RecordingEmitter();
        streamer(10, emitter).streamFrom(7);
        assertThat(emitter.steps()).isEqualTo(3);
        assertThat(emitter.flushes.getFirst()).startsWith("id:7\n");
    }

    @Test
    void aClientThatGoesAwayStopsTheStreamWithoutCompletingIt() {
        RecordingEmitter emitter = new RecordingEmitter();
        emitter.failAfter = 2;
        streamer(100_000, emitter).streamFrom(0);
        assertThat(emitter.flushes).hasSize(2);
        assertThat(emitter.completed).isFalse();
    }

    @Test
    void stoppingBeforeStartingSendsNothing() {
        RecordingEmitter emitter = new RecordingEmitter();
        StepStreamer streamer = streamer(10, emitter);
        streamer.stop();
        streamer.streamFrom(0);
        assertThat(emitter.flushes).isEmpty();
    }

    @Test
    void aStepThatCannotBeBuiltEndsTheStreamWithAFailureInWords() {
        RecordingEmitter emitter = new RecordingEmitter();
        new StepStreamer(FakeTraces.longLoop(10).steps(), s -> {
            throw new IllegalStateException("boom");
        }, () -> "{}", emitter).streamFrom(0);
        assertThat(emitter.flushes.getLast()).startsWith("event:failure\ndata:{\"message\":\"The server could not build a step");
        assertThat(emitter.completed).isTrue();
    }
}
