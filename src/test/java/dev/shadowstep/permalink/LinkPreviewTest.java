package dev.shadowstep.permalink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkPreviewTest {

    @Test
    void theSummaryIsItsFirstSentenceAsPlainText() {
        LinkPreview p = LinkPreview.of("  STI  shadow ", """
                From KVM selftest `debug_regs.c` (see [the test](https://example.org/x)). It checks
                PENDING_DBG.BS.
                """);
        assertThat(p.title()).isEqualTo("STI shadow");
        assertThat(p.summary()).isEqualTo("From KVM selftest debug_regs.c (see the test).");
    }

    @Test
    void abbreviationsAndHexNumbersDoNotEndASentence() {
        assertThat(LinkPreview.of("t", "Set e.g. RF to 0x1.5 times. Then more.").summary())
                .isEqualTo("Set e.g. RF to 0x1.5 times.");
    }

    @Test
    void aSummaryWithoutFullStopIsKeptWhole() {
        assertThat(LinkPreview.of("t", "A single line").summary()).isEqualTo("A single line");
        assertThat(LinkPreview.of("t", "").summary()).isEmpty();
    }

    @Test
    void aLongSentenceIsCutAtAWordWithAnEllipsis() {
        String summary = LinkPreview.of("t", "word ".repeat(100)).summary();
        assertThat(summary).endsWith("word…").hasSizeLessThanOrEqualTo(LinkPreview.MAX_SUMMARY);
    }
}
