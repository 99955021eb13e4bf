package dev.shadowstep.web.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.shadowstep.testing.RawHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Generated input against every entry point: mutations of the library scenarios and crafted texts
 * (deep nesting, aliases, characters above U+FFFF at the YAML reader's buffer edges, huge and
 * negative numbers), through MockMvc for the bulk, and through Tomcat on loopback for what only a
 * real connection carries (multipart bodies, bytes that are not UTF-8, forged lengths). No answer
 * may be a 5xx; every 4xx must say where the problem is, in the page the input came from, with
 * the editor's text kept.
 */
class EntryPointFuzzTest extends LiveServer {

    static final int MOCK_INPUTS = 10_000;
    static final int WIRE_INPUTS = 250;
    static final String NASTY = "\t\n:-{}[],'\"#&*!|>%@`\\0x\u0000\u00e9\uD83D\uDE00\uFFFD\u2028";
    static final Pattern NUMBER = Pattern.compile("\\b(0x[0-9a-fA-F]+|[0-9]+)\\b");
    static final String[] NUMBERS = {"-1", "-0x8000000000000000", "99999999999999999999999", "0x" + "f".repeat(40),
        "4294967296", "-9223372036854775809", "1e400", ".nan", "0b101", "0o17", "1_000_000_000_000"};
    static final String[] COMPARE = {"hypervisor=kvm-vmx", "reinject_db_sets_bs=off", "db_gate=trap",
        "forced_emulation=off,emulated_db_sets_bs=off", "", "nonsense", "hypervisor=", "=x,,", "hypervisor=kvm-vmx\n"};
    static final String[] SWITCHES = {"hypervisor", "reinject_db_sets_bs", "emulated_db_sets_bs", "forced_emulation", "db_gate"};
    static final String[] VALUES = {"bare-metal", "kvm-vmx", "on", "off", "trap", "interrupt", "", "\uD83D\uDE00", "x".repeat(300)};

    @Autowired
    MockMvc mvc;

    private final List<String> failures = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();

    @Test
    void noInputToAnyEntryPointGetsA5xxAndEveryRefusalIsLocatedWhereItCameFrom() throws Exception {
        List<String> library = libraryTexts();
        Random random = new Random(14);
        for (int i = 0; i < MOCK_INPUTS && failures.size() < 10; i++) {
            String text = input(library, random, i);
            switch (i % 8) {
                case 0 -> api(i, text, post("/api/run"));
                case 1 -> api(i, text, post("/api/permalinks"));
                case 2 -> editor(i, text, post("/editor/check"));
                case 3 -> editor(i, text, post("/editor/check").header("HX-Request", "true"));
                case 4 -> editor(i, text, post("/editor/run"));
                case 5 -> editor(i, text, switches(post("/editor/switch"), random));
                case 6 -> editor(i, text, post("/editor/compare").param("compare", COMPARE[random.nextInt(COMPARE.length)]));
                default -> permalinkGet(i, random);
            }
        }
        RawHttp http = http();
        for (int i = 0; i < WIRE_INPUTS && failures.size() < 10; i++) {
            wire(http, i, input(library, random, i), random);
        }
        assertThat(failures).isEmpty();
    }

    // ---- inputs

    static String input(List<String> library, Random r, int i) {
        String base = library.get(r.nextInt(library.size()));
        return switch (r.nextInt(10)) {
            case 0 -> crafted(base, r);
            case 1 -> numbers(base, r);
            case 2 -> emojiAtBufferEdge(base, r);
            case 3 -> base;
            default -> mutate(base, r);
        };
    }

    static String crafted(String base, Random r) {
        int depth = 30 + r.nextInt(8000);
        return switch (r.nextInt(9)) {
            case 0 -> base + "data: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
            case 1 -> base + "data: " + "{a: ".repeat(depth) + "1" + "}".repeat(depth) + "\n";
            case 2 -> "{\"format\": 1, \"title\": \"t\", \"program\": \"hlt\", \"data\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
            case 3 -> base + "x: &a [1, 2]\ny: [*a, *a, *a, *a]\n";
            case 4 -> "a: &a [\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b]\nd: [*c,*c,*c,*c]\n";
            case 5 -> base.replaceFirst("\n", "\n" + "\uD83D\uDE00".repeat(r.nextInt(2000)) + ": x\n");
            case 6 -> base + "# " + "x".repeat(65_536) + "\n";
            case 7 -> "\uFEFF" + base.replace("\n", "\r\n");
            default -> base.substring(0, r.nextInt(base.length() + 1));
        };
    }

    static String numbers(String base, Random r) {
        Matcher m = NUMBER.matcher(base);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, r.nextInt(3) == 0 ? NUMBERS[r.nextInt(NUMBERS.length)] : m.group());
        m.appendTail(out);
        return out.toString();
    }

    /** A character above U+FFFF at a random UTF-16 index near a multiple of 1,024, inside a comment. */
    static String emojiAtBufferEdge(String base, Random r) {
        int edge = 1024 * (1 + r.nextInt(3)) + r.nextInt(5) - 2;
        String head = base + "# ";
        if (head.length() >= edge) return head + "\uD83D\uDE00\n";
        return head + "a".repeat(edge - head.length()) + "\uD83D\uDE00\n";
    }

    static String mutate(String text, Random r) {
        String out = text;
        for (int e = 0, edits = 1 + r.nextInt(4); e < edits && !out.isEmpty(); e++) {
            int at = r.nextInt(out.length());
            out = switch (r.nextInt(5)) {
                case 0 -> out.substring(0, at) + out.substring(Math.min(out.length(), at + 1 + r.nextInt(8)));
                case 1 -> out.substring(0, at) + out.substring(at, Math.min(out.length(), at + 1 + r.nextInt(20))) + out.substring(at);
                case 2 -> out.substring(0, at) + NASTY.charAt(r.nextInt(NASTY.length())) + out.substring(at);
                case 3 -> {
                    List<String> lines = new ArrayList<>(out.lines().toList());
                    java.util.Collections.swap(lines, r.nextInt(lines.size()), r.nextInt(lines.size()));
                    yield String.join("\n", lines) + "\n";
                }
                default -> out.substring(0, at) + "\n" + " ".repeat(r.nextInt(6)) + out.substring(at);
            };
        }
        return out;
    }

    // ---- MockMvc entry points

    private void api(int i, String text, MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse r = mvc.perform(request.contentType("application/yaml")
                .content(text.getBytes(StandardCharsets.UTF_8))).andReturn().getResponse();
        String body = r.getContentAsString(StandardCharsets.UTF_8);
        if (r.getStatus() >= 500) fail(i, r.getStatus(), request, text, body);
        else if (r.getStatus() >= 400 && r.getStatus() != 429 && !locatedJson(body)) fail(i, r.getStatus(), request, text, body);
        else if (r.getStatus() == 201) {
            Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(body);
            if (id.find() && ids.size() < 200) ids.add(id.group(1));
        }
    }

    private void editor(int i, String text, MockHttpServletRequestBuilder request) throws Exception {
        String kept = text + "\n# kept-" + i + "\n";
        MockHttpServletResponse r = mvc.perform(request.param("yaml", kept)).andReturn().getResponse();
        String body = r.getContentAsString(StandardCharsets.UTF_8);
        boolean ok = r.getStatus() < 400
                || (body.contains("# kept-" + i + "\n") && !leaks(body, kept)
                    // located: the problems list (each at its line), or the switch / compare control's own error
                    && (body.contains("class=\"problems\"") || body.contains("class=\"switch-error\"")));
        if (r.getStatus() >= 500 || !ok) fail(i, r.getStatus(), request, kept, body);
    }

    private MockHttpServletRequestBuilder switches(MockHttpServletRequestBuilder request, Random r) {
        for (int k = 0, n = r.nextInt(4); k < n; k++) {
            request.param(SWITCHES[r.nextInt(SWITCHES.length)], VALUES[r.nextInt(VALUES.length)]);
        }
        return request;
    }

    private void permalinkGet(int i, Random r) throws Exception {
        String id = ids.isEmpty() || r.nextInt(4) == 0 ? junkId(r) : ids.get(r.nextInt(ids.size()));
        String[] forms = {"/s/" + id, "/s/" + id + ".yaml", "/s/" + id + ".json", "/s/" + id + ".txt", "/embed/" + id};
        String path = forms[r.nextInt(forms.length)];
        MockHttpServletRequestBuilder request = get(path).param("step", r.nextInt(3) == 0 ? "-99999999999" : "3")
                .accept(MediaType.TEXT_HTML);
        MockHttpServletResponse res = mvc.perform(request).andReturn().getResponse();
        String body = res.getContentAsString(StandardCharsets.UTF_8);
        if (res.getStatus() >= 500 || leaks(body)) fail(i, res.getStatus(), request, path, body);
    }

    static String junkId(Random r) {
        String[] junk = {"abc", "x".repeat(200), "\uD83D\uDE00", "..", "%2e%2e", "0000000000", "aaaaaaaaaaaa"};
        return junk[r.nextInt(junk.length)];
    }

    // ---- over the wire: multipart, bytes that are not UTF-8, lengths that lie

    private void wire(RawHttp http, int i, String text, Random r) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (r.nextBoolean() && bytes.length > 0) bytes[r.nextInt(bytes.length)] = (byte) (0x80 + r.nextInt(0x80));
        String boundary = "b" + r.nextInt(1_000_000);
        RawHttp.Response res;
        String what;
        switch (i % 6) {
            case 0 -> {
                what = "multipart share";
                byte[] body = HardeningHttpTest.concat(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"source\""
                        + (r.nextBoolean() ? "; filename=\"s.yaml\"" : "") + "\r\n\r\n").getBytes(StandardCharsets.UTF_8), bytes,
                        ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
                if (r.nextInt(3) == 0) body = java.util.Arrays.copyOf(body, r.nextInt(body.length + 1));
                res = http.send("POST", "/api/permalinks", "Content-Type: multipart/form-data"
                        + (r.nextInt(4) == 0 ? "" : "; boundary=" + boundary) + (r.nextBoolean() ? "\r\nHX-Request: true" : ""), body);
                if (res.status() >= 400 && res.status() != 429 && !res.body().contains("share-error")) failWire(i, what, res, text);
            }
            case 1, 2, 3 -> {
                String[] paths = {"/editor/check", "/editor/run", "/editor/switch", "/editor/switch.json", "/editor/compare"};
                what = paths[r.nextInt(paths.length)];
                String form = "yaml=" + RawHttp.formEncode(HardeningHttpTest.concat(bytes, ("\n# kept-wire-" + i + "\n")
                        .getBytes(StandardCharsets.UTF_8))) + "&compare=" + RawHttp.formEncode(COMPARE[r.nextInt(COMPARE.length)]
                        .getBytes(StandardCharsets.UTF_8));
                res = http.send("POST", what, "Content-Type: application/x-www-form-urlencoded", form.getBytes(StandardCharsets.US_ASCII));
                if (res.status() >= 400 && (!res.body().contains("# kept-wire-" + i) || leaks(res.body()))) failWire(i, what, res, text);
            }
            case 4 -> {
                what = "/api/run raw bytes";
                res = http.send("POST", "/api/run", "Content-Type: application/yaml", bytes);
                if (res.status() >= 400 && !locatedJson(res.body())) failWire(i, what, res, text);
            }
            default -> {
                what = "/api/permalinks short body";
                byte[] head = ("POST /api/permalinks HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/yaml\r\n"
                        + "Content-Length: " + (bytes.length + 1 + r.nextInt(100)) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                // the body is shorter than declared and the client closes its side: Tomcat sees the end
                res = http.exchangeHalfClosed(head, bytes, 30_000);
            }
        }
        if (res.status() >= 500) failWire(i, what, res, text);
    }

    // ---- checks

    /** A JSON error whose errors each say something, and one of which is located (a line, or a key path). */
    static boolean locatedJson(String body) {
        if (!body.startsWith("{\"errors\":[") || leaks(body)) return false;
        if (Pattern.compile("\"line\":[1-9]|\"path\":\"[^\"]").matcher(body).find()) return true;
        // problems of the request as a whole have no place in the text
        return body.matches("(?s).*(empty|64 KiB|UTF-8|larger than|too many|busy|no scenario|top level|a map).*");
    }

    /** A stack trace or a class name reached the client. */
    static boolean leaks(String body) {
        return body.contains("Exception") || body.contains("at dev.shadowstep") || body.contains("internal error");
    }

    /**
     * A stack trace or a class name reached the client that the input itself did not hold: the editor echoes the
     * text it was given, so a mutation that spells "Exception" (KVM_EXIT_D + "Exception: 1") is not a leak.
     */
    static boolean leaks(String body, String input) {
        return leaks(body) && !leaks(input);
    }

    private void fail(int i, int status, MockHttpServletRequestBuilder request, String text, String body) {
        failures.add("input " + i + " " + request.buildRequest(new org.springframework.mock.web.MockServletContext()).getRequestURI()
                + " -> " + status + ": " + snippet(body) + "\n  input: " + snippet(text));
    }

    private void failWire(int i, String what, RawHttp.Response res, String text) {
        failures.add("wire input " + i + " " + what + " -> " + res.status() + ": " + snippet(res.body()) + "\n  input: " + snippet(text));
    }

    static String snippet(String s) {
        String t = s.length() > 300 ? s.substring(0, 300) + "..." : s;
        return t.replace("\n", "\\n");
    }

    static List<String> libraryTexts() {
        try {
            List<String> texts = new ArrayList<>();
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:scenarios/*.yaml")) {
                texts.add(r.getContentAsString(StandardCharsets.UTF_8));
            }
            assertThat(texts).hasSizeGreaterThan(20);
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
