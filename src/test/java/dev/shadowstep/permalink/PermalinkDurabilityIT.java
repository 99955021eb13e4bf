package dev.shadowstep.permalink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No acknowledged link is ever lost: the packaged jar runs on a temporary data folder on a random
 * loopback port, a few threads create links, the process is killed with SIGKILL at a random
 * moment, and this repeats; then every id the server acknowledged (201 or 200) must be found,
 * with the source as it was sent. Bounded to about 40 seconds.
 */
class PermalinkDurabilityIT {

    private static final Duration BUDGET = Duration.ofSeconds(40);
    private static final int WRITERS = 4;
    private static final Pattern ID = Pattern.compile("\"id\":\"([a-z2-9]+)\"");

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyAcknowledgedLinkSurvivesKillNineAtRandomMoments() throws Exception {
        String jar = System.getProperty("shadowstep.jar");
        assumeTrue(jar != null && Files.isRegularFile(Path.of(jar)), "no packaged jar: run with ./mvnw verify");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path data = tmp.resolve("data");
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        long end = System.nanoTime() + BUDGET.toNanos();
        int kills = 0;
        while (kills < 2 || (kills < 8 && System.nanoTime() < end - Duration.ofSeconds(14).toNanos())) {
            try (App app = App.start(jar, data, tmp.resolve("app-" + kills + ".log"))) {
                app.awaitReady(http);
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    String prefix = "round " + kills + " writer " + w;
                    writers.add(Thread.ofPlatform().start(() -> write(app, prefix, stop, acknowledged, sent)));
                }
                Thread.sleep(300 + random.nextInt(2200));
                app.kill();
                stop.set(true);
                for (Thread t : writers) {
                    t.join();
                }
                kills++;
            }
        }
        int missing = 0;
        try (App app = App.start(jar, data, tmp.resolve("app-final.log"))) {
            app.awaitReady(http);
            for (Map.Entry<String, String> link : acknowledged.entrySet()) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(app.uri("/s/" + link.getKey() + ".yaml"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200 || !r.body().equals(link.getValue())) {
                    missing++;
                }
            }
        }
        System.out.printf("kill -9 durability: seed %d, %d kills, %d requests sent, %d acknowledged, %d found%n",
                seed, kills, sent.get(), acknowledged.size(), acknowledged.size() - missing);
        assertThat(acknowledged).as("links acknowledged before the kills").hasSizeGreaterThan(10);
        assertThat(missing).as("acknowledged links lost after kill -9").isZero();
    }

    /** Creates links until stopped or the server dies; records each acknowledged id with its source. */
    private void write(App app, String prefix, AtomicBoolean stop, Map<String, String> acknowledged, AtomicInteger sent) {
        for (int i = 0; !stop.get(); i++) {
            String source = "format: 1\ntitle: \"" + prefix + " link " + i + "\"\nprogram: |\n  nop\n  hlt\n";
            try {
                sent.incrementAndGet();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(app.uri("/api/permalinks"))
                        .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/yaml")
                        .POST(HttpRequest.BodyPublishers.ofString(source)).build(), HttpResponse.BodyHandlers.ofString());
                Matcher m = ID.matcher(r.body());
                if ((r.statusCode() == 201 || r.statusCode() == 200) && m.find()) {
                    acknowledged.put(m.group(1), source);
                }
            } catch (IOException e) {
                return; // the server was killed: this request was never acknowledged
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The packaged app in its own process, on a free loopback port. */
    private record App(Process process, int port, Path log) implements AutoCloseable {

        static App start(String jar, Path data, Path log) throws IOException {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-jar", jar,
                    "--server.address=127.0.0.1", "--server.port=" + port,
                    "--shadowstep.data-dir=" + data, "--shadowstep.permalink.rate-limit.capacity=0")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new App(p, port, log);
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        /** Waits until the app answers (a 404 for an unknown link means the store is open). */
        void awaitReady(HttpClient http) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the app exited with " + process.exitValue() + ":\n" + tail());
                }
                try {
                    int status = http.send(HttpRequest.newBuilder(uri("/s/aaaaaaaaaa.yaml")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status == 404) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("the app did not start within 60 s:\n" + tail());
        }

        /** SIGKILL on Linux: no shutdown hook, no pool close, no checkpoint. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        private String tail() throws IOException {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill();
            }
        }
    }
}
