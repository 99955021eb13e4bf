package dev.shadowstep.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Compares the text form of the hand-made STI traces with the golden files in
 * src/test/resources/trace. On a mismatch the actual text is left in target/golden-actual/
 * so that it can be reviewed and, when right, copied over the golden file.
 */
class TraceTextGoldenTest {

    @Test
    void theBareMetalStiTraceMatchesItsGoldenFile() throws IOException {
        assertMatchesGolden(StiTraces.bare(), "sti-bare.yaml", "sti-bare.txt");
    }

    @Test
    void theKvmStiTraceMatchesItsGoldenFileWithVmcsLines() throws IOException {
        assertMatchesGolden(StiKvmTrace.build(), "sti-kvm.yaml", "sti-kvm.txt");
    }

    @Test
    void writingTheSameTraceTwiceGivesTheSameText() throws IOException {
        assertThat(text(StiKvmTrace.build(), resource("sti-kvm.yaml")))
                .isEqualTo(text(StiKvmTrace.build(), resource("sti-kvm.yaml")));
    }

    static String text(Trace trace, String source) {
        StringBuilder out = new StringBuilder();
        TraceText.write(trace, source, out);
        return out.toString();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = TraceTextGoldenTest.class.getResourceAsStream("/trace/" + name)) {
            assertThat(in).as("test resource trace/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertMatchesGolden(Trace trace, String source, String golden) throws IOException {
        String actual = text(trace, resource(source));
        Path dump = Path.of("target", "golden-actual", golden);
        Files.createDirectories(dump.getParent());
        Files.writeString(dump, actual, StandardCharsets.UTF_8);
        assertThat(actual).as("text of %s (actual output in %s)", golden, dump).isEqualTo(resource(golden));
    }
}
