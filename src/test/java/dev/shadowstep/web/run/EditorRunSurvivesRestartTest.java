package dev.shadowstep.web.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.ShadowstepApplication;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 13's "done when": a run URL from the editor still opens after 100 other runs and after a
 * restart. The whole app on its real SQLite store in a temporary data folder, over HTTP; the
 * memory cache is made small (8 runs) so that the hundred runs really push the first one out,
 * then the app is closed and started again on the same folder, where the run page, its steps, the
 * editor on it and a comparison naming it all open.
 */
class EditorRunSurvivesRestartTest {

    private static final String FIRST = "format: 1\ntitle: first editor run\nprogram: |\n  sti\n  nop\n  hlt\n";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void anEditorRunUrlOpensAfterAHundredOtherRunsAndAfterARestart() throws Exception {
        String runPath;
        String firstSteps;
        try (ConfigurableApplicationContext app = start()) {
            int port = port(app);
            runPath = editorRun(port, FIRST);
            assertThat(runPath).matches("/runs/[a-z2-9]+");
            firstSteps = get(port, "/api" + runPath + "/steps?from=0&count=3").body();
            for (int i = 0; i < 100; i++) {
                editorRun(port, "format: 1\ntitle: other run " + i + "\nprogram: |\n  nop\n  hlt\n");
            }
            long[] usage = app.getBean(RunStore.class).usage();
            assertThat(usage[0]).as("runs kept in memory after the hundred others").isLessThanOrEqualTo(8);

            HttpResponse<String> page = get(port, runPath);
            assertThat(page.statusCode()).as("the run page after 100 other runs").isEqualTo(200);
            assertThat(page.body()).contains("first editor run");
            assertThat(get(port, "/api" + runPath + "/steps?from=0&count=3").body()).isEqualTo(firstSteps);
        }
        try (ConfigurableApplicationContext app = start()) {
            int port = port(app);
            HttpResponse<String> page = get(port, runPath);
            assertThat(page.statusCode()).as("the run page after a restart").isEqualTo(200);
            assertThat(page.body()).contains("first editor run");
            assertThat(get(port, "/api" + runPath + "/steps?from=0&count=3").body())
                    .as("the same steps, run again from the stored text").isEqualTo(firstSteps);
            String id = runPath.substring("/runs/".length());
            assertThat(get(port, "/editor?run=" + id).body())
                    .as("the editor opened on the run holds its text").contains("first editor run");
            HttpResponse<String> compare = get(port, "/compare?run=" + id);
            assertThat(compare.statusCode()).as("a comparison naming the run, after a restart").isEqualTo(200);
            assertThat(compare.body()).contains("first editor run");
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ShadowstepApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--shadowstep.data-dir=" + data,
                "--shadowstep.web.max-runs=8", "--spring.main.banner-mode=off");
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    /** Presses Run in the editor; returns the path of the run page it redirects to. */
    private String editorRun(int port, String yaml) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/editor/run"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("yaml=" + URLEncoder.encode(yaml, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("POST /editor/run").isEqualTo(302);
        return URI.create(r.headers().firstValue("Location").orElseThrow()).getPath();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
