package dev.shadowstep.web.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two instances of the packaged jar on one PostgreSQL behind Debian's HAProxy, all on loopback
 * ports: the balancer runs {@code deploy/haproxy.cfg} with only its three addresses replaced, so
 * what is tested is what deploy/ ships. A run made on one instance streams from the other, a link
 * made on one opens on the other, and a stream whose instance is killed with SIGKILL mid-stream
 * continues on the other after a Last-Event-ID reconnect, with no step missing or twice; a link's
 * .txt is answered from the balancer's cache once fetched, and its creation limit holds across both.
 * Skipped when HAProxy is not installed or no PostgreSQL is given ({@code .ci/start-postgres.sh}
 * prints the variables; {@code .ci/run} installs both).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstanceIT {

    /** Long enough that the stream is still going when A is killed: the client stops reading at step 2,000. */
    private static final String LONG_RUN = """
            format: 1
            title: "Sixty thousand steps for the two-instance test"
            program: |
              loop: inc %rax
              jmp loop
            limits: {max_steps: 60000}
            """;
    private static final String SHORT_RUN = """
            format: 1
            title: "STI then a single step, for the two-instance test"
            cpu: {rflags: 0x302}
            program: |
              sti
              nop
              hlt
            """;
    private static final Pattern ID = Pattern.compile("\"id\":\"([a-z2-9]+)\"");
    private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");
    private static final Pattern INDEX = Pattern.compile("\"index\":(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private Path tmp;
    private String publicUrl;
    private String schema;
    private Instances.Proc a;
    private Instances.Proc b;
    private Instances.Proc balancer;

    /** Why the tests are skipped (each test says so in the report), or null when everything is here. */
    private String skipped;

    @BeforeAll
    void start() throws Exception {
        String jar = System.getProperty("shadowstep.jar");
        Path haproxy = Instances.haproxy();
        String pgUrl = System.getenv("SHADOWSTEP_TEST_PG_URL");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            skipped = "no packaged jar: run with ./mvnw verify";
        } else if (haproxy == null) {
            skipped = "HAProxy is not installed (Debian package haproxy; .ci/run installs it): the two-instance test is skipped";
        } else if (pgUrl == null || pgUrl.isBlank()) {
            skipped = "SHADOWSTEP_TEST_PG_URL is not set (eval \"$(bash .ci/start-postgres.sh)\"): "
                    + "the two-instance test on PostgreSQL is skipped";
        }
        if (skipped != null) return;

        // under target/ (gone with mvn clean), so the three logs are there to read when something fails
        Path target = Path.of("target");
        tmp = Files.isDirectory(target) ? Files.createTempDirectory(target, "two-instances-")
                : Files.createTempDirectory("shadowstep-two-instances-");
        schema = "two_instance_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        int port = Instances.freePort();
        publicUrl = "http://127.0.0.1:" + port; // the balancer's: links name it, so their forms are cacheable
        a = app("a", jar, url);
        a.awaitAnswer(http, "/api/vocabulary.json", null, Duration.ofSeconds(90));
        b = app("b", jar, url); // after A, so one of them creates the schema
        b.awaitAnswer(http, "/api/vocabulary.json", null, Duration.ofSeconds(90));

        String config = Files.readString(Path.of("deploy/haproxy.cfg"))
                .replace("bind :8080", "bind 127.0.0.1:" + port)
                .replace("app-a:8080", "127.0.0.1:" + a.port())
                .replace("app-b:8080", "127.0.0.1:" + b.port());
        assertThat(config).as("deploy/haproxy.cfg has the three addresses the test replaces")
                .contains("bind 127.0.0.1:" + port, "127.0.0.1:" + a.port(), "127.0.0.1:" + b.port());
        Path cfg = Files.writeString(tmp.resolve("haproxy.cfg"), config);
        balancer = Instances.start("haproxy", List.of(haproxy.toString(), "-db", "-f", cfg.toString()), port,
                tmp.resolve("haproxy.log"));
        balancer.awaitAnswer(http, "/api/vocabulary.json", "a", Duration.ofSeconds(30));
        balancer.awaitAnswer(http, "/api/vocabulary.json", "b", Duration.ofSeconds(30));
    }

    private Instances.Proc app(String name, String jar, String url) throws Exception {
        int port = Instances.freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        return Instances.start(name, List.of(java, "-XX:TieredStopAtLevel=1", "-jar", jar,
                "--server.address=127.0.0.1", "--server.port=" + port,
                "--shadowstep.data-dir=" + tmp.resolve("data-" + name),
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + System.getenv("SHADOWSTEP_TEST_PG_USER"),
                "--spring.datasource.password=" + System.getenv("SHADOWSTEP_TEST_PG_PASSWORD"),
                "--spring.flyway.schemas=" + schema,
                "--shadowstep.permalink.base-url=" + publicUrl,
                "--server.forward-headers-strategy=native"), port, tmp.resolve(name + ".log"));
    }

    @BeforeEach
    void needsEverything() {
        assumeTrue(skipped == null, skipped);
    }

    @AfterAll
    void stop() throws Exception {
        for (Instances.Proc p : new Instances.Proc[] {balancer, a, b}) {
            if (p != null) p.close();
        }
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(System.getenv("SHADOWSTEP_TEST_PG_URL"),
                    System.getenv("SHADOWSTEP_TEST_PG_USER"), System.getenv("SHADOWSTEP_TEST_PG_PASSWORD"))) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    @Order(1)
    void aRunMadeThroughAStreamsThroughB() throws Exception {
        HttpResponse<String> made = viaBalancerFrom("a", () -> post(balancer.uri("/api/runs"), SHORT_RUN));
        assertThat(made.statusCode()).as("POST /api/runs on A: " + made.body()).isEqualTo(201);
        String id = match(ID, made.body());
        int total = Integer.parseInt(match(TOTAL, made.body()));

        SseClient client = null;
        for (int i = 0; i < 20 && (client == null || !"b".equals(client.connections.getFirst().servedBy())); i++) {
            client = new SseClient();
            client.readToEnd(balancer.uri("/api/runs/" + id + "/stream"), 1, Duration.ZERO, e -> {});
        }
        assertThat(client.connections.getFirst().servedBy()).as("the stream came from B").isEqualTo("b");
        assertThat(stepIds(client)).as("every step of the run made on A, from B").isEqualTo(range(total));
        assertThat(client.events.getLast().name()).isEqualTo("end");
        assertThat(get(b.uri("/runs/" + id)).statusCode()).as("the run page on B").isEqualTo(200);
    }

    @Test
    @Order(2)
    void aLinkMadeOnAOpensOnB() throws Exception {
        HttpResponse<String> made = viaBalancerFrom("a", () -> post(balancer.uri("/api/permalinks"), SHORT_RUN));
        assertThat(made.statusCode()).as("POST /api/permalinks on A: " + made.body()).isIn(200, 201);
        String id = match(ID, made.body());

        HttpResponse<String> yaml = get(b.uri("/s/" + id + ".yaml"));
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).isEqualTo(SHORT_RUN);
        HttpResponse<String> page = get(b.uri("/s/" + id));
        assertThat(page.statusCode()).as("the link's page on B").isEqualTo(200);
        assertThat(page.body()).contains("STI then a single step, for the two-instance test");
        assertThat(get(b.uri("/s/" + id + ".txt")).body()).contains("sti");
    }

    @Test
    @Order(3)
    void aLinksTextIsAnsweredByTheBalancersCacheOnceFetched() throws Exception {
        String source = SHORT_RUN.replace("for the two-instance test", "for the balancer's cache");
        String id = match(ID, post(balancer.uri("/api/permalinks"), source).body());
        HttpResponse<String> first = get(balancer.uri("/s/" + id + ".txt"));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control").orElse("")).contains("immutable");
        assertThat(first.headers().firstValue("X-Served-By")).as("the first fetch reaches an instance").isPresent()
                .get().isIn("a", "b");
        HttpResponse<String> again = get(balancer.uri("/s/" + id + ".txt"));
        assertThat(again.headers().firstValue("X-Served-By")).as("the second is the balancer's copy").hasValue("<CACHE>");
        assertThat(again.body()).isEqualTo(first.body());
        HttpResponse<String> page = get(balancer.uri("/s/" + id));
        assertThat(page.headers().firstValue("X-Served-By").orElse("")).as("pages are not kept").isIn("a", "b");
    }

    @Test
    @Order(4)
    void aStreamWhoseInstanceIsKilledResumesOnTheOtherWithNoStepMissingOrTwice() throws Exception {
        HttpResponse<String> made = post(b.uri("/api/runs"), LONG_RUN);
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String id = match(ID, made.body());
        int total = Integer.parseInt(match(TOTAL, made.body()));
        assertThat(total).isEqualTo(60000);

        // open the stream through the balancer until A serves it (round robin: at most a few tries)
        SseClient client = null;
        for (int i = 0; i < 6; i++) {
            SseClient attempt = new SseClient();
            List<Throwable> killFailed = new ArrayList<>();
            boolean ended = attempt.readToEnd(balancer.uri("/api/runs/" + id + "/stream"), 50,
                    Duration.ofMillis(300), e -> {
                        if ("a".equals(e.servedBy()) && "2000".equals(e.id()) && a.process().isAlive()) {
                            try {
                                a.kill(); // mid-stream: A has 58,000 steps still to send
                            } catch (InterruptedException ex) {
                                killFailed.add(ex);
                            }
                        }
                    });
            assertThat(killFailed).isEmpty();
            assertThat(ended).as("the stream reached its end event; connections: " + attempt.connections).isTrue();
            if ("a".equals(attempt.connections.getFirst().servedBy())) {
                client = attempt;
                break;
            }
        }
        assertThat(client).as("the balancer gave the stream to A once in six tries").isNotNull();
        assertThat(a.process().isAlive()).as("A was killed mid-stream").isFalse();

        List<SseClient.Connection> served = client.connections.stream().filter(c -> c.status() == 200).toList();
        assertThat(served.getFirst().servedBy()).isEqualTo("a");
        assertThat(served.getFirst().events()).as("steps A delivered before it died").isBetween(2001, total - 1);
        assertThat(served.getLast().servedBy()).as("the stream resumed on B").isEqualTo("b");
        System.out.printf("kill -9 mid-stream: %d steps, connections %s%n", total, client.connections);
        List<Integer> ids = stepIds(client);
        assertThat(ids).as("every step exactly once, in order, across the kill").isEqualTo(range(total));
        for (SseClient.Event e : client.events) {
            if ("step".equals(e.name())) {
                assertThat(match(INDEX, e.data())).as("the step's own index").isEqualTo(e.id());
            }
        }
        assertThat(match(TOTAL, client.events.getLast().data())).isEqualTo(Integer.toString(total));
    }

    @Test
    @Order(5)
    void theBalancerLimitsCreationsFromOneAddressAcrossBothInstances() throws Exception {
        int admitted = 0;
        int deniedByBalancer = 0;
        for (int i = 0; i < 70; i++) {
            HttpResponse<String> r = post(balancer.uri("/api/runs"), SHORT_RUN);
            if (r.headers().firstValue("X-Served-By").isPresent()) {
                admitted++;
            } else if (r.statusCode() == 429) {
                deniedByBalancer++;
                assertThat(r.headers().firstValue("Retry-After")).hasValue("60");
            }
        }
        assertThat(deniedByBalancer).as("answered 429 by the balancer").isPositive();
        assertThat(admitted).as("creations that reached an instance within the minute").isLessThanOrEqualTo(60);
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    /** Repeats an idempotent request through the balancer until the given instance answers it. */
    private static HttpResponse<String> viaBalancerFrom(String instance, Call call) throws Exception {
        HttpResponse<String> r = null;
        for (int i = 0; i < 20; i++) {
            r = call.send();
            if (instance.equals(r.headers().firstValue("X-Served-By").orElse(null))) return r;
            Thread.sleep(100);
        }
        throw new AssertionError("the balancer never sent the request to " + instance + ": last " + r.headers().map());
    }

    private HttpResponse<String> post(URI uri, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Integer> stepIds(SseClient client) {
        return client.events.stream().filter(e -> "step".equals(e.name())).map(e -> Integer.parseInt(e.id())).toList();
    }

    private static List<Integer> range(int total) {
        List<Integer> all = new ArrayList<>(total);
        for (int i = 0; i < total; i++) all.add(i);
        return all;
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(pattern + " in " + text.substring(0, Math.min(300, text.length()))).isTrue();
        return m.group(1);
    }
}
