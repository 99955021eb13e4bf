import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load generator for the permalink routes, for a server on the loopback:
 *   java src/test/resources/ci/PermalinkLoad.java create http://127.0.0.1:18080 SCENARIO.yaml SECONDS THREADS
 *   java src/test/resources/ci/PermalinkLoad.java txt    http://127.0.0.1:18080 SCENARIO.yaml SECONDS THREADS
 * "create" posts the scenario with a unique title per request (so every POST stores a new link and
 * runs the engine); "txt" stores the scenario once and then fetches /s/{id}.txt. Prints requests,
 * rate and latency percentiles. Start the server with --shadowstep.permalink.rate-limit.capacity=0.
 */
public class PermalinkLoad {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String base = args[1];
        String scenario = Files.readString(Path.of(args[2]));
        Duration length = Duration.ofSeconds(Long.parseLong(args[3]));
        int threads = Integer.parseInt(args[4]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String txt = null;
        if (mode.equals("txt")) {
            HttpResponse<String> r = post(http, base, scenario);
            String id = r.body().replaceAll("(?s).*\"id\":\"([a-z2-9]+)\".*", "$1");
            txt = base + "/s/" + id + ".txt";
        }
        AtomicInteger counter = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        // warm-up: a few seconds not measured, so the JIT has compiled the hot paths
        run(http, mode, base, scenario, txt, Duration.ofSeconds(3), threads, counter, new AtomicLong(), new ConcurrentLinkedQueue<>());
        long start = System.nanoTime();
        run(http, mode, base, scenario, txt, length, threads, counter, failures, latencies);
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%s: %d requests in %.1f s with %d threads = %.0f/s; failures %d; "
                        + "latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                mode, sorted.length, seconds, threads, sorted.length / seconds, failures.get(),
                pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    private static void run(HttpClient http, String mode, String base, String scenario, String txt, Duration length,
                            int threads, AtomicInteger counter, AtomicLong failures, ConcurrentLinkedQueue<Long> latencies)
            throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = mode.equals("create")
                                ? post(http, base, scenario.replaceFirst("(?m)^title: .*$",
                                        "title: \"load " + ProcessHandle.current().pid() + " " + counter.incrementAndGet() + "\""))
                                : http.send(HttpRequest.newBuilder(URI.create(txt)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() / 100 != 2) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - t0);
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
    }

    private static HttpResponse<String> post(HttpClient http, String base, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/permalinks"))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
