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
}
