import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for many readers of one link or run (issue 13), for a server on the loopback; a benchmark,
 * not a test. Start the server with its read limit off, and a base URL so that .txt is cacheable:
 *   java -jar target/shadowstep.jar --server.port=8085 --shadowstep.permalink.read-limit.capacity=0 \
 *        --shadowstep.permalink.rate-limit.capacity=0 --shadowstep.permalink.base-url=http://127.0.0.1:8085
 * Modes:
 *   java src/test/resources/ci/ScaleLoad.java burst   BASE SCENARIO.yaml CLIENTS
 *       stores the link, then CLIENTS clients start at once, each with its own connection: GET /s/{id}
 *       (the page), then its run's stream to the first step event. Time to page and to first step, p50/p99.
 *   java src/test/resources/ci/ScaleLoad.java viewers BASE SCENARIO.yaml VIEWERS SERVER_PID
 *       makes the run (POST /api/runs), then VIEWERS streams of it open at once and read to the end event;
 *       checks every viewer got every step once, and samples the server's threads and RSS (/proc) and, with
 *       nine in ten streams open, its live heap (jcmd GC.run, then GC.heap_info).
 *   java src/test/resources/ci/ScaleLoad.java txt     BASE SCENARIO.yaml on|off RATE,RATE,... SECONDS
 *       GET /s/{id}.txt at each rate in turn (open loop, at most 256 in flight), "on" revalidating with the
 *       ETag (If-None-Match, 304) as a cache or browser does, "off" fetching the whole text every time.
 */
public class ScaleLoad {

    private static final Pattern ID = Pattern.compile("\"id\":\"([a-z2-9]+)\"");
    private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");
    private static final Pattern RUN = Pattern.compile("data-run=\"([a-z2-9]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[1];
        String scenario = Files.readString(Path.of(args[2]));
        switch (args[0]) {
            case "burst" -> burst(base, scenario, Integer.parseInt(args[3]));
            case "viewers" -> viewers(base, scenario, Integer.parseInt(args[3]), Long.parseLong(args[4]));
            case "txt" -> txt(base, scenario, args[3].equals("on"), args[4], Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("mode: burst, viewers or txt");
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static String link(HttpClient http, String base, String scenario) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/permalinks"))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(scenario)).build(),
                HttpResponse.BodyHandlers.ofString());
        return group(ID, r.body());
    }

    // ---- 300 clients open the same permalink page and its first step ----

    private static void burst(String base, String scenario, int clients) throws Exception {
        String id = link(client(), base, scenario);
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<Long> toPage = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> toStep = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofVirtual().start(() -> {
                HttpClient http = client(); // a connection of its own, as 300 browsers have
                try {
                    go.await();
                    long t0 = System.nanoTime();
                    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/s/" + id)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (page.statusCode() != 200) throw new IllegalStateException("page " + page.statusCode());
                    toPage.add(System.nanoTime() - t0);
                    String run = group(RUN, page.body());
                    HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(
                            URI.create(base + "/api/runs/" + run + "/stream")).build(), HttpResponse.BodyHandlers.ofInputStream());
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                        for (String line; (line = in.readLine()) != null; ) {
                            if (line.startsWith("data:")) {
                                toStep.add(System.nanoTime() - t0);
                                break;
                            }
                        }
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            }));
        }
        Thread.sleep(500);
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) t.join();
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.printf("burst: %d clients, all done in %.2f s, failures %d%n  page:       %s%n  first step: %s%n",
                clients, wall, failures.get(), summary(toPage), summary(toStep));
    }

    // ---- 2,000 viewers of one run on one instance ----

    private static void viewers(String base, String scenario, int viewers, long serverPid) throws Exception {
        HttpClient http = client();
        HttpResponse<String> made = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs"))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(scenario)).build(),
                HttpResponse.BodyHandlers.ofString());
        String run = group(ID, made.body());
        int total = Integer.parseInt(group(TOTAL, made.body()));
        long[] before = proc(serverPid);
        AtomicLong peakThreads = new AtomicLong();
        AtomicLong peakRss = new AtomicLong();
        AtomicInteger complete = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger connected = new AtomicInteger();
        ConcurrentLinkedQueue<Long> durations = new ConcurrentLinkedQueue<>();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long[] now = proc(serverPid);
                peakThreads.accumulateAndGet(now[0], Math::max);
                peakRss.accumulateAndGet(now[1], Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int v = 0; v < viewers; v++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    long t0 = System.nanoTime();
                    HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(
                            URI.create(base + "/api/runs/" + run + "/stream")).build(), HttpResponse.BodyHandlers.ofInputStream());
                    connected.incrementAndGet();
                    int next = 0;
                    boolean ok = r.statusCode() == 200;
                    boolean ended = false;
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                        for (String line; (line = in.readLine()) != null; ) {
                            if (line.startsWith("id:")) {
                                ok &= Integer.parseInt(line.substring(3).strip()) == next++;
                            } else if (line.equals("event:end")) {
                                ended = true;
                                break;
                            }
                        }
                    }
                    if (ok && ended && next == total) complete.incrementAndGet();
                    else wrong.incrementAndGet();
                    durations.add(System.nanoTime() - t0);
                } catch (Exception e) {
                    wrong.incrementAndGet();
                }
            }));
        }
        Thread.sleep(300);
        long start = System.nanoTime();
        go.countDown();
        String heap = "";
        while (threads.stream().anyMatch(Thread::isAlive)) {
            if (heap.isEmpty() && connected.get() >= viewers * 9 / 10) heap = heapInfo(serverPid); // with most streams open
            threads.stream().filter(Thread::isAlive).findFirst().ifPresent(t -> {
                try {
                    t.join(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        double wall = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        System.out.printf("viewers: %d streams of a %d-step run, %d got every step once and the end, %d did not; "
                        + "all done in %.1f s; per stream %s%n  server threads %d before, peak %d; RSS %d MB before, peak %d MB%n  live heap with most streams open (after a full GC): %s%n",
                viewers, total, complete.get(), wrong.get(), wall, summary(durations), before[0], peakThreads.get(),
                before[1] / 1024, peakRss.get() / 1024, heap);
    }

    /** Returns the process's thread count and RSS in kB, from /proc. */
    private static long[] proc(long pid) {
        long threads = 0;
        long rss = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Threads:")) threads = Long.parseLong(line.substring(8).strip());
                if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.substring(6).replace("kB", "").strip());
            }
        } catch (Exception e) {
            // the server went away: nothing to sample
        }
        return new long[] {threads, rss};
    }

    private static String heapInfo(long pid) {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            // a full GC first, so that "used" is what the open streams keep alive, not garbage not yet collected
            new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true).start().waitFor(20, TimeUnit.SECONDS);
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("committed (\\d+)K, used (\\d+)K").matcher(out);
            return m.find() ? "used " + Long.parseLong(m.group(2)) / 1024 + " MB of " + Long.parseLong(m.group(1)) / 1024 + " MB committed"
                    : out.strip().lines().skip(1).findFirst().orElse("?");
        } catch (Exception e) {
            return "jcmd failed: " + e.getMessage();
        }
    }

    // ---- GET .txt at rising rates, with and without revalidation ----

    private static void txt(String base, String scenario, boolean revalidate, String rates, int seconds) throws Exception {
        HttpClient http = client();
        String url = base + "/s/" + link(http, base, scenario) + ".txt";
        HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        String etag = first.headers().firstValue("ETag").orElse(null);
        System.out.printf("txt %s: %s, %d bytes, ETag %s, Cache-Control %s%n", revalidate ? "revalidating" : "full GETs",
                url, first.body().length(), etag, first.headers().firstValue("Cache-Control").orElse("-"));
        if (revalidate && etag == null) throw new IllegalStateException("no ETag: start the server with a base URL");
        for (String rate : rates.split(",")) {
            step(http, url, revalidate ? etag : null, Integer.parseInt(rate), 2, false); // warm-up at this rate
            step(http, url, revalidate ? etag : null, Integer.parseInt(rate), seconds, true);
        }
    }

    private static void step(HttpClient http, String url, String etag, int rate, int seconds, boolean print) throws Exception {
        Semaphore inFlight = new Semaphore(256);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger dropped = new AtomicInteger();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (etag != null) b.header("If-None-Match", etag);
        HttpRequest request = b.build();
        int expected = etag != null ? 304 : 200;
        long start = System.nanoTime();
        long n = (long) rate * seconds;
        for (long i = 0; i < n; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
            if (!inFlight.tryAcquire()) {
                dropped.incrementAndGet(); // 256 already waiting: the server is saturated, this one is not sent
                continue;
            }
            long t0 = System.nanoTime();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, e) -> {
                latencies.add(System.nanoTime() - t0);
                if (e == null && r.statusCode() == expected) ok.incrementAndGet();
                else failed.incrementAndGet();
                inFlight.release();
            });
        }
        inFlight.acquire(256);
        double wall = (System.nanoTime() - start) / 1e9;
        if (print) {
            System.out.printf("  offered %5d/s: answered %6.0f/s (%d ok, %d failed, %d not sent: 256 in flight), %s%n",
                    rate, ok.get() / wall, ok.get(), failed.get(), dropped.get(), summary(latencies));
        }
    }

    private static String summary(ConcurrentLinkedQueue<Long> nanos) {
        long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (s.length == 0) return "no samples";
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d)", pct(s, 50), pct(s, 99), s[s.length - 1] / 1e6, s.length);
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) throw new IllegalStateException(p + " not in " + text.substring(0, Math.min(200, text.length())));
        return m.group(1);
    }
}
