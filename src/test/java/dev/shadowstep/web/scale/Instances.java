package dev.shadowstep.web.scale;

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
import java.util.List;

/** Processes of the two-instance test: the packaged app and the load balancer, on loopback ports. */
public final class Instances {

    private Instances() {}

    /** A process listening on a loopback port, with its log. */
    public record Proc(String name, Process process, int port, Path log) implements AutoCloseable {

        public URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        /** SIGKILL on Linux: no shutdown hook, no connection closed politely. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        /** Waits until GET {@code path} answers 200 (from {@code servedBy} when that is given). */
        public void awaitAnswer(HttpClient http, String path, String servedBy, Duration within) throws Exception {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
                }
                try {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri(path)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200 && (servedBy == null
                            || servedBy.equals(r.headers().firstValue("X-Served-By").orElse(null)))) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException(name + " did not answer " + path + " within " + within + ":\n" + tail());
        }

        public String tail() throws IOException {
            if (!Files.exists(log)) return "(no log)";
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) kill();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public static Proc start(String name, List<String> command, int port, Path log) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Proc(name, p, port, log);
    }

    /**
     * Returns HAProxy's path: {@code SHADOWSTEP_TEST_HAPROXY} (which {@code .ci/run} exports) or
     * {@code -Dhaproxy.bin}, else the first {@code haproxy} on PATH or in /usr/sbin; null when none.
     */
    public static Path haproxy() {
        String configured = System.getenv().getOrDefault("SHADOWSTEP_TEST_HAPROXY", System.getProperty("haproxy.bin"));
        if (configured != null && !configured.isBlank()) return Files.isExecutable(Path.of(configured)) ? Path.of(configured) : null;
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin";
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, "haproxy");
            if (Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }
}
