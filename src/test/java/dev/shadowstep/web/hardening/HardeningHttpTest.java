package dev.shadowstep.web.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * One regression test per defect of issue 14 that lives at the HTTP level, through Tomcat on a
 * loopback port (MockMvc would skip Tomcat's multipart parser, its parameter decoder and its own
 * error pages, where several of these defects were). Each says what it answered before the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class HardeningHttpTest extends LiveServer {

    static final String SCENARIO = library("hlt-woken-by-irq");
    static final String BOUNDARY = "----shadowstep-test-boundary";

    static byte[] multipart(String name, String filename, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String disposition = "Content-Disposition: form-data; name=\"" + name + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"\r\nContent-Type: application/yaml");
        out.writeBytes(("--" + BOUNDARY + "\r\n" + disposition + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    // defect 9: multipart uploads to /api/permalinks answered 500

    @Test
    void aScenarioUploadedAsAFilePartIsShared() throws Exception {
        RawHttp.Response r = http().send("POST", "/api/permalinks",
                "Content-Type: multipart/form-data; boundary=" + BOUNDARY,
                multipart("source", "scenario.yaml", SCENARIO.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.status()).isIn(200, 201); // before: 500 (no converter from the file part to String)
        assertThat(r.body()).contains("/s/");
    }

    @Test
    void multipartWithoutABoundaryOrCutShortIsABadRequestOnTheSharePage() throws Exception {
        RawHttp.Response noBoundary = http().send("POST", "/api/permalinks", "Content-Type: multipart/form-data",
                "source=x".getBytes(StandardCharsets.UTF_8));
        assertThat(noBoundary.status()).isEqualTo(400); // before: 500 FileUploadException
        assertThat(noBoundary.body()).contains("could not be read as a form").doesNotContain("Exception");

        byte[] whole = multipart("source", null, SCENARIO.getBytes(StandardCharsets.UTF_8));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
        RawHttp.Response cutShort = http().send("POST", "/api/permalinks",
                "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nHX-Request: true", cut);
        assertThat(cutShort.status()).isEqualTo(400); // before: 500 MalformedStreamException
        assertThat(cutShort.body()).contains("share-error");
    }

    // defect 10: an invalid-UTF-8 form was logged raw at ERROR (a forged log line) and answered JSON

    @Test
    void aFormThatIsNotUtf8GetsTheEditorWithTheTextKeptAndTheBadByteLocated(CapturedOutput output) throws Exception {
        byte[] text = concat("format: 1\ntitle: t\nprogram: |\n  hlt\n# caf".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xE9}, "\nFORGED LOG LINE level=ERROR\n# typed by hand\n".getBytes(StandardCharsets.UTF_8));
        for (String path : new String[] {"/editor/check", "/editor/run", "/editor/switch", "/editor/compare"}) {
            RawHttp.Response r = http().send("POST", path, "Content-Type: application/x-www-form-urlencoded",
                    ("yaml=" + RawHttp.formEncode(text) + "&compare=hypervisor%3Dkvm-vmx").getBytes(StandardCharsets.US_ASCII));
            assertThat(r.status()).as(path).isEqualTo(400); // before: 400 in Spring's JSON, the text gone
            assertThat(r.header("Content-Type")).startsWith("text/html");
            assertThat(r.body()).as(path).contains("# typed by hand", "FORGED LOG LINE", "not UTF-8")
                    .contains("data-line=\"5\" data-column=\"6\"");
        }
        RawHttp.Response query = http().send("GET", "/editor?from=%FF%0AFORGED+LOG+LINE", "", null);
        assertThat(query.status()).isEqualTo(404);
        assertThat(output.getAll()).doesNotContain("FORGED LOG LINE");
    }

    // defect 12: the Host header was reflected into og:url, Location and the .txt Link line, cached publicly

    @Test
    void aForgedHostIsNeverInACachedAnswerAndLocationIsAPath() throws Exception {
        String forged = "Host: attacker.example";
        RawHttp.Response created = http().exchange(("POST /api/permalinks HTTP/1.1\r\n" + forged
                + "\r\nConnection: close\r\nContent-Type: application/yaml\r\nContent-Length: "
                + SCENARIO.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                SCENARIO.getBytes(StandardCharsets.UTF_8), 30_000);
        assertThat(created.status()).isIn(200, 201);
        assertThat(created.header("Location")).startsWith("/s/").doesNotContain("attacker"); // before: http://attacker.example/s/...
        String id = created.header("Location").substring("/s/".length());
        for (String path : new String[] {"/s/" + id + ".txt", "/s/" + id, "/embed/" + id, "/s/" + id + ".json", "/"}) {
            RawHttp.Response r = http().exchange(("GET " + path + " HTTP/1.1\r\n" + forged + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII), null, 30_000);
            assertThat(r.status()).as(path).isEqualTo(200);
            if (r.body().contains("attacker.example")) {
                assertThat(r.header("Cache-Control")).as(path).isEqualTo("no-store"); // before: public, max-age=300
            }
        }
    }

    // defect 13

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutWaitingForTheBody() throws Exception {
        for (String path : new String[] {"/api/run", "/api/permalinks"}) {
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/yaml\r\n"
                    + "Content-Length: 500000000\r\n\r\nformat: 1\n").getBytes(StandardCharsets.US_ASCII);
            // the body never comes: an answer within the read timeout means it was refused at once (before: held 60 s)
            RawHttp.Response r = http().exchange(head, null, 20_000);
            assertThat(r.status()).as(path).isEqualTo(413);
        }
    }

    @Test
    void errorPathsAndUnknownPathsAnswerAsTheClientReads() throws Exception {
        RawHttp.Response direct = http().send("GET", "/error", "Accept: text/html", null);
        assertThat(direct.status()).isEqualTo(404); // before: 500 "status 999"
        RawHttp.Response page = http().send("GET", "/no/such/page", "Accept: */*", null);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("Content-Type")).startsWith("text/html"); // before: JSON for Accept */*
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
        RawHttp.Response api = http().send("GET", "/api/no-such-thing", "Accept: text/html", null);
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.body()).startsWith("{\"errors\":[");
        RawHttp.Response json = http().send("GET", "/no/such/page", "Accept: application/json", null);
        assertThat(json.body()).contains("There is no page at this address.");
    }

    @Test
    void tomcatsOwnErrorPagesCarryTheSecurityHeaders() throws Exception {
        String[] requests = {
            "GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n",                                       // 400: bad request line
            "GET / HTTP/2.1\r\nHost: x\r\n\r\n",                                            // 505
            "POST /api/run HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip2\r\n\r\n",        // 501
        };
        int[] statuses = {400, 505, 501};
        for (int i = 0; i < requests.length; i++) {
            RawHttp.Response r = http().exchange(requests[i].getBytes(StandardCharsets.US_ASCII), null, 20_000);
            assertThat(r.status()).isEqualTo(statuses[i]);
            assertThat(r.header("Content-Security-Policy")).as(requests[i]).contains("default-src 'self'"); // before: none
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.body()).doesNotContain("Tomcat/");
        }
    }

    // defects 5 and 6 through the endpoints that answered 500

    @Test
    void deepNestingAndAnEmojiAtTheBufferEdgeGetAnswersNotErrors() throws Exception {
        String deep = "format: 1\ntitle: t\nprogram: hlt\ndata: " + "[".repeat(6000) + "]".repeat(6000) + "\n";
        RawHttp.Response run = http().send("POST", "/api/run", "Content-Type: application/yaml", deep.getBytes(StandardCharsets.UTF_8));
        assertThat(run.status()).isEqualTo(400); // before: 500 StackOverflowError
        assertThat(locatedLine(run.body())).isPositive();
        RawHttp.Response check = http().send("POST", "/editor/check", "Content-Type: application/x-www-form-urlencoded",
                ("yaml=" + RawHttp.formEncode(deep.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII));
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.body()).contains("nest more than 32 levels");

        String head = "format: 1\ntitle: t\nprogram: |\n  hlt\n# ";
        String emoji = head + "a".repeat(1024 - head.length()) + "\uD83D\uDE00\n";
        RawHttp.Response withEmoji = http().send("POST", "/api/run", "Content-Type: application/yaml",
                emoji.getBytes(StandardCharsets.UTF_8));
        assertThat(withEmoji.status()).isEqualTo(200); // before: 500 IndexOutOfBoundsException
    }

    static int locatedLine(String json) {
        Matcher m = Pattern.compile("\"line\":(\\d+)").matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
