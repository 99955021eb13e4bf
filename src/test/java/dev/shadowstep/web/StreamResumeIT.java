package dev.shadowstep.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shadowstep.web.scale.Instances;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A browser whose stream breaks gets every step from the next instance: Chromium opens the page of
 * a 200,000-step run on the packaged jar, the jar is killed with SIGKILL once the first step is on
 * screen, and another process of the jar (which never held the run: it makes it again from the
 * stored text) starts on the same port and data folder. The page's EventSource reconnects with
 * Last-Event-ID by itself, and the page ends with every step applied once (its status counts what
 * it applied against the run's total). Skipped when Chromium is absent.
 */
class StreamResumeIT {

    private static final Pattern ID = Pattern.compile("\"id\":\"([a-z2-9]+)\"");
    /** Long enough to be still streaming when the first step is on screen, short enough for a loaded CI box. */
    private static final String LOOP = """
            format: 1
            title: "Two hundred thousand steps for the stream resume test"
            program: |
              loop: inc %rax
              jmp loop
            limits: {max_steps: 200000}
            """;

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aPageWhoseInstanceIsKilledMidStreamGetsEveryStepOnceFromTheNext() throws Exception {
        String jar = System.getProperty("shadowstep.jar");
        assumeTrue(jar != null && Files.isRegularFile(Path.of(jar)), "no packaged jar: run with ./mvnw verify");
        try (Browser browser = Browser.start(1400, 1000)) {
            int port = Instances.freePort();
            String runPath;
            try (Instances.Proc first = app("first", jar, port)) {
                HttpResponse<String> made = http.send(HttpRequest.newBuilder(first.uri("/api/runs"))
                        .header("Content-Type", "application/yaml")
                        .POST(HttpRequest.BodyPublishers.ofString(LOOP)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
                Matcher m = ID.matcher(made.body());
                assertThat(m.find()).isTrue();
                runPath = "/runs/" + m.group(1);

                browser.driver.get(first.uri(runPath).toString());
                new WebDriverWait(browser.driver, Duration.ofSeconds(90)).until(ExpectedConditions.attributeToBeNotEmpty(
                        browser.driver.findElement(By.tagName("html")), "data-first-step-ms"));
                first.kill();
            }
            String atKill = browser.driver.findElement(By.id("stream-status")).getText();
            System.out.println("stream resume: the page said \"" + atKill + "\" when its instance was killed");
            assertThat(atKill).as("the stream was still going when its instance died").doesNotContain("steps received.");

            try (Instances.Proc second = app("second", jar, port)) {
                new WebDriverWait(browser.driver, Duration.ofSeconds(240)).until(ExpectedConditions
                        .textToBePresentInElementLocated(By.id("stream-status"), "All 200000 steps received."));
                assertThat(second.process().isAlive()).isTrue();
            }
        }
    }

    private Instances.Proc app(String name, String jar, int port) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Instances.Proc app = Instances.start(name, List.of(java, "-XX:TieredStopAtLevel=1", "-jar", jar, "--server.address=127.0.0.1",
                "--server.port=" + port, "--shadowstep.data-dir=" + tmp.resolve("data")), port, tmp.resolve(name + ".log"));
        app.awaitAnswer(http, "/api/vocabulary.json", null, Duration.ofSeconds(90));
        return app;
    }
}
