package dev.shadowstep.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownLiteTest {

    @Test
    void htmlInTheTextIsEscapedNotRendered() {
        assertThat(MarkdownLite.toHtml("<script>x</script> & <b>")).isEqualTo("<p>&lt;script&gt;x&lt;/script&gt; &amp; &lt;b&gt;</p>");
    }

    @Test
    void backticksBecomeCode() {
        assertThat(MarkdownLite.toHtml("run `mov %ax, %ss` first")).isEqualTo("<p>run <code>mov %ax, %ss</code> first</p>");
    }

    @Test
    void onlyHttpLinksBecomeAnchors() {
        assertThat(MarkdownLite.toHtml("[SDM](https://intel.com/sdm)"))
                .isEqualTo("<p><a href=\"https://intel.com/sdm\" rel=\"noopener\">SDM</a></p>");
        assertThat(MarkdownLite.toHtml("[x](javascript:alert(1))")).doesNotContain("<a");
    }

    @Test
    void aBacktickInsideALinkUrlNeverPutsCodeMarkupInsideTheHref() {
        String html = MarkdownLite.toHtml("see [the test](https://example.org/a`b`c) and `x`");
        assertThat(html).doesNotContain("<a href=\"https://example.org/a<code>");
        assertThat(html).isEqualTo("<p>see [the test](https://example.org/a<code>b</code>c) and <code>x</code></p>");
        assertThat(MarkdownLite.toHtml("[`kvm_vcpu_do_singlestep`](https://lore.kernel.org/x)"))
                .isEqualTo("<p><a href=\"https://lore.kernel.org/x\" rel=\"noopener\"><code>kvm_vcpu_do_singlestep</code></a></p>");
        assertThat(MarkdownLite.toHtml("`[x](https://a.example/)`")).isEqualTo("<p><code>[x](https://a.example/)</code></p>");
    }

    @Test
    void blankLinesSeparateParagraphsAndSingleNewlinesJoinLines() {
        assertThat(MarkdownLite.toHtml("one\ntwo\n\nthree")).isEqualTo("<p>one two</p>\n<p>three</p>");
    }

    @Test
    void anEmptySummaryRendersNothing() {
        assertThat(MarkdownLite.toHtml(null)).isEmpty();
        assertThat(MarkdownLite.toHtml("  ")).isEmpty();
    }

    @Test
    void aLessonsNumberedPointsBecomeStepLinksButNotInsideCodeOrBeyondItsPoints() {
        String html = MarkdownLite.toHtml("(1) `sti` runs, `(2)` is code. (2) <b> lands. (3) has no step.",
                java.util.List.of(4, 7));
        assertThat(html).isEqualTo("<p><a class=\"point\" href=\"?step=4\" data-step-link data-step=\"4\" "
                + "aria-label=\"point 1: step 4\">(1)</a> <code>sti</code> runs, <code>(2)</code> is code. "
                + "<a class=\"point\" href=\"?step=7\" data-step-link data-step=\"7\" aria-label=\"point 2: step 7\">(2)</a> "
                + "&lt;b&gt; lands. (3) has no step.</p>");
        assertThat(MarkdownLite.toHtml("(1) x", java.util.List.of())).isEqualTo("<p>(1) x</p>");
    }
}
