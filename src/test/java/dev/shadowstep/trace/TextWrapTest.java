package dev.shadowstep.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextWrapTest {

    @Test
    void proseIsWrappedAtWordBoundariesWithinTheWidth() {
        assertThat(TextWrap.wrap("the quick brown fox jumps over the lazy dog", "", "", 15))
                .containsExactly("the quick brown", "fox jumps over", "the lazy dog");
    }

    @Test
    void continuationLinesTakeTheirOwnPrefix() {
        assertThat(TextWrap.wrap("IRQ 0xaa held: STI shadow and more words", "  - ", "    ", 20))
                .containsExactly("  - IRQ 0xaa held:", "    STI shadow and", "    more words");
    }

    @Test
    void aWordLongerThanALineIsSplit() {
        assertThat(TextWrap.wrap("see abcdefghijklmnopqrstuvwxyz now", "> ", "> ", 10))
                .containsExactly("> see", "> abcdefgh", "> ijklmnop", "> qrstuvwx", "> yz now");
    }

    @Test
    void newlinesTabsAndRunsOfSpacesInProseBecomeSingleSpaces() {
        assertThat(TextWrap.wrap("a\n\tb   c\r\nd", "", "", 80)).containsExactly("a b c d");
    }

    @Test
    void emptyProseGivesOnePrefixOnlyLine() {
        assertThat(TextWrap.wrap(null, "  ", "  ", 80)).containsExactly("  ");
    }

    @Test
    void aCutCellEndsInAnEllipsisAndKeepsItsWidth() {
        assertThat(TextWrap.fit("orq $X86_EFLAGS_TF, (%rsp)", 10)).isEqualTo("orq $X86_\u2026");
        assertThat(TextWrap.width(TextWrap.fit("orq $X86_EFLAGS_TF, (%rsp)", 10))).isEqualTo(10);
        assertThat(TextWrap.fit("popf", 10)).isEqualTo("popf");
    }

    @Test
    void aCutLabelKeepsItsOffset() {
        assertThat(TextWrap.fitLabel("a_rather_long_handler_name+12", 16)).isEqualTo("a_rather_lon\u2026+12");
        assertThat(TextWrap.fitLabel("fep_sti_start+10", 16)).isEqualTo("fep_sti_start+10");
    }

    @Test
    void aLabelWithoutOffsetIsCutLikeAnyCell() {
        assertThat(TextWrap.fitLabel("a_rather_long_handler_name", 16)).isEqualTo("a_rather_long_h\u2026");
    }

    @Test
    void cellsArePaddedToTheirColumn() {
        assertThat(TextWrap.padRight("sti", 6)).isEqualTo("sti   ");
        assertThat(TextWrap.padLeft("7", 3)).isEqualTo("  7");
    }
}
