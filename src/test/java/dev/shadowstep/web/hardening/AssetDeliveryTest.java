package dev.shadowstep.web.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * How the pages' files travel (issue 14): text answers gzipped for a client that accepts it (the
 * editor page weighed 1.26 MB uncompressed), versioned webjar addresses cached for a year and
 * immutable, this app's own unversioned files revalidated, the import map still allowed by the hash
 * of the text served once compressed, step streams never compressed (a batch must reach the reader
 * as it is written), and no page link looked up as a static file (Spring's ResourceUrlEncodingFilter
 * did that for every {@code @{...}} link: 71 % of the home page's CPU time).
 */
class AssetDeliveryTest extends LiveServer {

    static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);
    static final Pattern WEBJAR = Pattern.compile("\"(/webjars/[^\"]+)\"");
    static final Pattern VERSIONED = Pattern.compile("/webjars/[^/]+/\\d[\\w.+-]*/.+");
    static final String YEAR_IMMUTABLE = "max-age=31536000, public, immutable";

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    ServletContext servletContext;

    HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return client.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String gunzip(HttpResponse<byte[]> r) throws IOException {
        assertThat(r.headers().firstValue("Content-Encoding")).as(r.uri().toString()).hasValue("gzip");
        return text(r);
    }

    /** Returns the body as text, gunzipped when it came gzipped. */
    static String text(HttpResponse<byte[]> r) throws IOException {
        if (r.headers().firstValue("Content-Encoding").isEmpty()) return new String(r.body(), StandardCharsets.UTF_8);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theEditorPageIsGzippedAndItsImportMapIsStillAllowedByTheHashOfTheTextServed() throws Exception {
        HttpResponse<byte[]> page = get("/editor", "Accept-Encoding", "gzip");
        assertThat(page.statusCode()).isEqualTo(200);
        String html = gunzip(page);
        assertThat(page.body().length).isLessThan(html.getBytes(StandardCharsets.UTF_8).length / 2);
        Matcher map = IMPORT_MAP.matcher(html);
        assertThat(map.find()).isTrue();
        String hash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(map.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self' 'sha256-" + hash + "'");
    }

    @Test
    void everyWebjarFileThePagesLoadIsVersionedCachedForAYearAndGzipped() throws Exception {
        List<String> webjars = new ArrayList<>();
        for (String path : new String[] {"/", "/editor", "/scenarios/hlt-woken-by-irq"}) {
            String html = gunzip(get(path, "Accept-Encoding", "gzip"));
            Matcher m = WEBJAR.matcher(html);
            while (m.find()) webjars.add(m.group(1));
            assertThat(html).as(path).contains("/webjars/htmx.org/");
        }
        assertThat(webjars).hasSizeGreaterThan(14); // htmx on each page, the 14 modules of the editor's import map
        for (String path : webjars) {
            assertThat(path).matches(VERSIONED);
            HttpResponse<byte[]> file = get(path, "Accept-Encoding", "gzip");
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            assertThat(file.headers().firstValue("Cache-Control")).as(path).hasValue(YEAR_IMMUTABLE);
            String text = text(file);
            // below 1 KB (server.compression.min-response-size) a file is sent as it is
            if (text.length() > 2048) assertThat(file.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
        }
    }

    @Test
    void unversionedFilesRevalidateInsteadOfBeingCachedForAYear() throws Exception {
        for (String path : new String[] {"/app/editor-page.js", "/app/style.css", "/webjars/htmx.org/dist/htmx.min.js"}) {
            HttpResponse<byte[]> file = get(path);
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            assertThat(file.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
            String lastModified = file.headers().firstValue("Last-Modified").orElseThrow();
            assertThat(get(path, "If-Modified-Since", lastModified).statusCode()).as(path).isEqualTo(304);
        }
        // a version that is not the one on the classpath is not found, never cached
        HttpResponse<byte[]> other = get("/webjars/htmx.org/0.0.1/dist/htmx.min.js");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.headers().firstValue("Cache-Control").orElse("")).doesNotContain("immutable");
    }

    @Test
    void aStepStreamIsNotCompressed() throws Exception {
        HttpResponse<String> made = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs"))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(library("hlt-woken-by-irq")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(made.body());
        assertThat(id.find()).isTrue();
        HttpResponse<byte[]> stream = get("/api/runs/" + id.group(1) + "/stream", "Accept", "text/event-stream",
                "Accept-Encoding", "gzip");
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(stream.body(), StandardCharsets.UTF_8)).contains("event:step", "event:end");
    }

    @Test
    void noPageLinkIsLookedUpAsAStaticFile() {
        // Boot adds Spring's ResourceUrlEncodingFilter whenever a webjars locator is present; it rewrote
        // nothing of ours and made ~600 failed classpath lookups per home page
        assertThat(servletContext.getFilterRegistrations().values())
                .noneMatch(f -> f.getClassName().endsWith("ResourceUrlEncodingFilter"));
    }
}
