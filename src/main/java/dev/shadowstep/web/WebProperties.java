package dev.shadowstep.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the web app ({@code shadowstep.web.*}).
 *
 * @param libraryLocation where the built-in scenarios are (a resource pattern)
 * @param maxRuns         how many runs the server keeps in memory at most, whatever their size
 * @param frontendDir     when set, /app/** is served from this folder without caching (a dev loop)
 * @param runCachePercent the share of the heap that kept runs may take together; the least recently
 *                        used are dropped past it (any instance makes them again from their text)
 * @param draftTtl        how long the text behind a run id is kept after it was last used (30 days or more)
 * @param maxStreams      how many step streams may be open at once; past that a new one is answered 503
 *                        (fewer on a small heap: {@link #streamCap()})
 * @param streamThreads   the platform threads that write step streams, taking turns batch by batch
 */
@ConfigurationProperties("shadowstep.web")
public record WebProperties(
        @DefaultValue("classpath*:scenarios/*.yaml") String libraryLocation,
        @DefaultValue("256") int maxRuns,
        String frontendDir,
        @DefaultValue("25") int runCachePercent,
        @DefaultValue("90d") Duration draftTtl,
        @DefaultValue("3000") int maxStreams,
        @DefaultValue("32") int streamThreads) {

    /**
     * What one open stream may hold at most while its reader is slow: the batch being sent (its
     * JSON, the event text and the bytes written, {@code StepStreamer.MAX_BATCH_CHARS} each) and the
     * container's buffers; measured on stalled readers (README "Limits").
     */
    public static final long STREAM_BYTES = 128 * 1024;
    /** The share of the heap that open streams may hold together. */
    public static final int STREAM_HEAP_PERCENT = 15;

    /** The shortest time-to-live for drafts: a link to an editor run mailed today still opens next month. */
    public static final Duration MIN_DRAFT_TTL = Duration.ofDays(30);

    /** Settings with the default number of stream threads (32). */
    public WebProperties(String libraryLocation, int maxRuns, String frontendDir, int runCachePercent,
                         Duration draftTtl, int maxStreams) {
        this(libraryLocation, maxRuns, frontendDir, runCachePercent, draftTtl, maxStreams, 32);
    }

    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public WebProperties {
        if (draftTtl == null || draftTtl.compareTo(MIN_DRAFT_TTL) < 0) draftTtl = MIN_DRAFT_TTL;
    }

    /** Returns how many streams may be open at once on this JVM: {@code maxStreams}, or fewer when the heap holds fewer. */
    public int streamCap() {
        long fit = Runtime.getRuntime().maxMemory() / 100 * STREAM_HEAP_PERCENT / STREAM_BYTES;
        return (int) Math.max(1, Math.min(maxStreams, fit));
    }

    /** Returns the bytes that kept runs may take together on this JVM. */
    public long runCacheBytes() {
        return Runtime.getRuntime().maxMemory() / 100 * Math.clamp(runCachePercent, 1, 90);
    }
}
