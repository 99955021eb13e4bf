package dev.shadowstep.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.permalink.CanonicalScenario;
import dev.shadowstep.web.library.ScenarioLibrary;
import dev.shadowstep.web.yaml.YamlTree;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A character above U+FFFF (two UTF-16 chars) at every place around snakeyaml-engine's 1,024-char
 * read buffer: before the fix, a pair split at the buffer's end threw IndexOutOfBoundsException
 * from StreamReader, a 500 on /api/run and the editor, "internal error" on /api/permalinks.
 */
class BufferBoundaryTest {

    static final String HEAD = "format: 1\ntitle: \"emoji at a buffer edge\"\nprogram: |\n  hlt\n# ";

    /** Every UTF-16 index from 1,016 to 1,032 and around the next three buffer ends (2,047, 3,071, 4,095). */
    static IntStream positions() {
        return IntStream.concat(IntStream.rangeClosed(1016, 1032),
                IntStream.of(2046, 2047, 2048, 3070, 3071, 3072, 4094, 4095, 4096));
    }

    static String withEmojiAt(int index, String emoji) {
        return HEAD + "a".repeat(index - HEAD.length()) + emoji + " and after it\n";
    }

    @ParameterizedTest
    @MethodSource("positions")
    void aSurrogatePairAtAnyIndexIsReadByEveryParserOfUserText(int index) {
        for (String character : new String[] {"\uD83D\uDE00", "\uD801\uDC37", "\uDBFF\uDFFF"}) {
            String text = withEmojiAt(index, character);
            assertThat(text.indexOf(character)).isEqualTo(index);
            assertThat(ScenarioLoader.load(text).title()).isEqualTo("emoji at a buffer edge");
            assertThat(YamlTree.parse(text).root().getValue()).hasSize(3);
            assertThat(CanonicalScenario.of(text)).contains("emoji at a buffer edge");
            assertThat(ScenarioLibrary.entry(null, text).title()).isEqualTo("emoji at a buffer edge"); // a permalink's page
        }
    }

    @ParameterizedTest
    @MethodSource("positions")
    void aSurrogatePairInsideAQuotedTitleKeepsItsPlace(int index) {
        String text = "format: 1\nprogram: hlt\ntitle: \"" + "b".repeat(index - 31) + "\uD83D\uDE00\"\n";
        assertThat(text.indexOf('\uD83D')).isEqualTo(index);
        assertThat(ScenarioLoader.load(text).title()).endsWith("b\uD83D\uDE00");
    }
}
