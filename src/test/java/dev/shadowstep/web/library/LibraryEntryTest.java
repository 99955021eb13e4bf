package dev.shadowstep.web.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LibraryEntryTest {

    static LibraryEntry entry(String summary) {
        return new LibraryEntry("sti", "Single-step over STI", summary, List.of("STI shadow", "IRQ"), "");
    }

    @Test
    void theCardShowsTheFirstSentenceAsPlainText() {
        assertThat(entry("From `debug_regs.c`. More text follows.").oneLine()).isEqualTo("From debug_regs.c.");
        assertThat(entry("See [the SDM](https://x.example) now").oneLine()).isEqualTo("See the SDM now");
    }

    @Test
    void aVeryLongFirstSentenceIsShortenedWithAnEllipsis() {
        String line = entry("word ".repeat(60)).oneLine();
        assertThat(line).hasSizeLessThanOrEqualTo(160).endsWith("…");
    }

    @Test
    void everyWordOfTheSearchMustMatchSomewhere() {
        LibraryEntry e = entry("The IRQ waits for the shadow.");
        assertThat(e.matches("sti irq")).isTrue();
        assertThat(e.matches("STI NMI")).isFalse();
        assertThat(e.matches("  ")).isTrue();
    }

    @Test
    void tagsAreSearchedToo() {
        assertThat(entry("").matches("shadow")).isTrue();
    }

    @Test
    void theCardKeepsCodeFormattingInItsOneLineAndEscapesTheRest() {
        LibraryEntry e = entry("A `kind: vmx` experiment on one check <b>. More.");
        assertThat(e.oneLineHtml()).isEqualTo("A <code>kind: vmx</code> experiment on one check &lt;b&gt;.");
        assertThat(e.oneLine()).isEqualTo("A kind: vmx experiment on one check <b>.");
    }

    @Test
    void anAbbreviationOrACodeSpanDoesNotEndTheFirstSentence() {
        assertThat(entry("As SDM Vol. 3A 6.8.3 says, e.g. here. Then more.").oneLine())
                .isEqualTo("As SDM Vol. 3A 6.8.3 says, e.g. here.");
        assertThat(entry("Run `a. b` first. Then more.").oneLineHtml()).isEqualTo("Run <code>a. b</code> first.");
    }
}
