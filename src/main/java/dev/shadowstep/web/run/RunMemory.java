package dev.shadowstep.web.run;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The heap that runs may take, counted in KiB, for the whole life of each run. A run takes its
 * estimated share before it starts; once made, its trace keeps what it retains until the trace is
 * unreachable, whoever holds it (the run cache, a stream to a slow reader, a page being written):
 * a {@link Cleaner} gives the share back when the garbage collector has found the trace unused. So
 * runs in progress plus every trace still held never pass the budget, and a run that does not fit
 * waits for its turn and is then refused as busy, never an OutOfMemoryError.
 *
 * <p>While a run waits, the holders that can let go are asked to (the run cache drops its least
 * recently used runs) and, when the collector has been idle for a second, it is nudged
 * ({@code System.gc()}, at most once every 5 s), as the JDK does for direct buffers
 * ({@code java.nio.Bits.reserveMemory}), so that traces nobody holds any more are counted as free.
 * A nudge is a full collection that stops every thread (0.4-1.3 s on a loaded 2-core box with
 * {@code -Xmx384m}): under load the collector is busy anyway and finds the unused traces in its own
 * cycles, so the nudge is kept for a quiet heap, where nothing else would look (issue 14: with a
 * nudge every 5 s under 50 clients posting heavy runs, those full collections were the longest
 * pauses of the home page).
 */
final class RunMemory {

    private static final Cleaner CLEANER = Cleaner.create(
            Thread.ofPlatform().name("run-memory-cleaner").daemon(true).factory());
    private static final long NUDGE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long POLL_MILLIS = 200;

    private final Semaphore free;
    private final int totalKib;
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final AtomicLong lastNudge = new AtomicLong(System.nanoTime() - NUDGE_EVERY_NANOS);
    /** The collections counted at the last look, and when that count last changed. */
    private final AtomicLong collectionsSeen = new AtomicLong(-1);
    private final AtomicLong collectedAt = new AtomicLong(System.nanoTime() - IDLE_NANOS);
    private volatile LongConsumer letGo = bytes -> {};

    RunMemory(int totalKib) {
        this.totalKib = Math.max(1, totalKib);
        this.free = new Semaphore(this.totalKib, true);
    }

    /** Returns the whole budget in KiB. */
    int totalKib() {
        return totalKib;
    }

    /** Returns the KiB neither a run in progress nor a held trace takes now. */
    int freeKib() {
        return free.availablePermits();
    }

    /** Sets who is asked to let go of about {@code bytes} of held traces when a run waits for memory. */
    void onShortage(LongConsumer letGo) {
        this.letGo = letGo;
    }

    /** Takes {@code kib}, waiting at most {@code wait}; returns false when they did not come free in time. */
    boolean acquire(int kib, Duration wait) throws InterruptedException {
        if (free.tryAcquire(kib)) return true;
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            letGo.accept((long) (kib - free.availablePermits()) * 1024);
            nudge();
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) return false;
            if (free.tryAcquire(kib, Math.min(left, POLL_MILLIS), TimeUnit.MILLISECONDS)) return true;
        }
    }

    /** Gives back {@code kib} taken by {@link #acquire}. */
    void release(int kib) {
        if (kib > 0) free.release(kib);
    }

    /**
     * Keeps {@code kib} (already taken) for as long as {@code holder} is reachable; they are given
     * back once the collector finds it unused.
     */
    void holdWhileReachable(Object holder, int kib) {
        if (kib <= 0) return;
        Semaphore pool = free; // the action must not reach the holder, or it would never run
        CLEANER.register(holder, () -> pool.release(kib));
    }

    /** Takes up to {@code kib} more without waiting; returns how many it got. */
    int tryTakeMore(int kib) {
        return kib > 0 && free.tryAcquire(kib) ? kib : 0;
    }

    private void nudge() {
        long now = System.nanoTime();
        long collections = collections();
        if (collectionsSeen.getAndSet(collections) != collections) collectedAt.set(now);
        if (now - collectedAt.get() < IDLE_NANOS) return; // the collector is at work: it will find them
        long last = lastNudge.get();
        if (now - last >= NUDGE_EVERY_NANOS && lastNudge.compareAndSet(last, now)) System.gc();
    }

    /** Returns how many collections of any kind the JVM has made. */
    private static long collections() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) sum += Math.max(0, gc.getCollectionCount());
        return sum;
    }
}
