import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GET / while CLIENTS clients post heavy runs (issue 14, defect 3), for a server on the loopback; a
 * benchmark, not a test (HeavyLoadIT asserts the outcomes). Half the clients post to /api/runs, half
 * to /editor/run, each a KVM forced-emulation loop of STEPS steps, one after the other for SECONDS;
 * meanwhile GET / every 100 ms. A refusal (503) is retried after its Retry-After when the last
 * argument is "honour", as a browser's user or a well-behaved client would, at once when "ignore".
 *   java -Xmx384m -jar target/shadowstep.jar --server.port=18087 --server.address=127.0.0.1 \
 *        --shadowstep.data-dir=/tmp/18087-data
 *   java src/test/resources/ci/HomeLoad.java http://127.0.0.1:18087 50 40 83885 honour
 * Prints GET / p50, p99 and max, and how many runs were made and refused.
 */
public class HomeLoad {

    static final String LOOP = """
            format: 1
            title: forced-emulation loop %s
            hypervisor: {kind: kvm-vmx, forced_emulation: true}
            limits: {max_steps: %d}
            program: |
              again: KVM_FEP nop
              jmp again
            """;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int clients = Integer.parseInt(args[1]);
        Duration length = Duration.ofSeconds(Long.parseLong(args[2]));
        long steps = Long.parseLong(args[3]);
        boolean honour = args[4].equals("honour");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger made = new AtomicInteger(), refused = new AtomicInteger(), failed = new AtomicInteger();
        List<Thread> posters = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            posters.add(Thread.ofPlatform().daemon(true).start(() -> {
                for (int n = 0; loading.get(); n++) {
                    String text = LOOP.formatted("load " + client + "." + n, steps);
                    try {
                        HttpRequest.Builder post = client % 2 == 0
                                ? HttpRequest.newBuilder(URI.create(base + "/api/runs")).header("Content-Type", "application/yaml")
                                        .POST(HttpRequest.BodyPublishers.ofString(text))
                                : HttpRequest.newBuilder(URI.create(base + "/editor/run"))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(HttpRequest.BodyPublishers.ofString("yaml=" + URLEncoder.encode(text, StandardCharsets.UTF_8)));
                        HttpResponse<String> r = http.send(post.timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() < 400) made.incrementAndGet();
                        else if (r.statusCode() == 503) {
                            refused.incrementAndGet();
                            long wait = r.headers().firstValueAsLong("Retry-After").orElse(1);
                            if (honour) Thread.sleep(Duration.ofSeconds(wait));
                        } else failed.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        List<Long> home = new ArrayList<>();
        int unanswered = 0;
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
            long t = System.nanoTime();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/")).timeout(Duration.ofSeconds(10))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) home.add(System.nanoTime() - t);
                else unanswered++;
            } catch (java.net.http.HttpTimeoutException e) {
                unanswered++;
            }
            Thread.sleep(100);
        }
        loading.set(false);
        Collections.sort(home);
        System.out.printf("GET / while %d clients post %,d-step runs for %d s (Retry-After %s): %d answers, p50 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms, %d unanswered; runs made %d, refused 503 %d, failed %d%n",
                clients, steps, length.toSeconds(), honour ? "honoured" : "ignored", home.size(), percentile(home, 50),
                percentile(home, 99), home.isEmpty() ? 0 : home.getLast() / 1e6, unanswered, made.get(), refused.get(),
                failed.get());
        System.exit(0);
    }

    static double percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) return 0;
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }
}
