package dev.shadowstep.web.share;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.permalink.LinkUrls;
import org.junit.jupiter.api.Test;

/** The values a Share form puts into links: step, lanes, the way back, the iframe snippet. */
class LinkParamsTest {

    @Test
    void aStepIsANonNegativeNumberAndAnythingElseIsStepZero() {
        assertThat(LinkParams.step(" 42 ")).isEqualTo(42);
        assertThat(LinkParams.step("-3")).isZero();
        assertThat(LinkParams.step("4x")).isZero();
        assertThat(LinkParams.step("99999999999")).isZero();
        assertThat(LinkParams.step(null)).isZero();
    }

    @Test
    void lanesAreKeptInLowerCaseOnlyWhenTheyAreAListOfLaneNames() {
        assertThat(LinkParams.lanes("TF,if,dr6,vmcs-int")).isEqualTo("tf,if,dr6,vmcs-int");
        assertThat(LinkParams.lanes("tf,,if")).isNull();
        assertThat(LinkParams.lanes("tf&step=9")).isNull();
        assertThat(LinkParams.lanes("")).isNull();
        assertThat(LinkParams.lanes(null)).isNull();
    }

    @Test
    void theQueryHasTheStepAndTheLanesWhenThereAreAny() {
        assertThat(LinkParams.query(7, null)).isEqualTo("?step=7");
        assertThat(LinkParams.query(7, "tf,dr6")).isEqualTo("?step=7&lanes=tf,dr6");
    }

    @Test
    void theWayBackIsAPathOnThisSiteOrNothing() {
        assertThat(BackLink.orNull("/scenarios/sti-shadow-basic?step=4&lanes=tf")).isEqualTo("/scenarios/sti-shadow-basic?step=4&lanes=tf");
        assertThat(BackLink.orNull("//evil.example/")).isNull();
        assertThat(BackLink.orNull("https://evil.example/")).isNull();
        assertThat(BackLink.orNull("/\\evil.example")).isNull();
        assertThat(BackLink.orNull("/s/x\"><script>")).isNull();
        assertThat(BackLink.orNull(null)).isNull();
    }

    @Test
    void theSnippetIsAnIframeOfTheEmbedViewWithTheTitleEscaped() {
        ShareLinks links = ShareLinks.of(LinkUrls.of("https://ss.example/", "k3x9f2a7qd"), "k3x9f2a7qd",
                "A \"quoted\" <title>", 5, "tf");
        assertThat(links.page()).isEqualTo("https://ss.example/s/k3x9f2a7qd?step=5&lanes=tf");
        assertThat(links.embed()).isEqualTo("https://ss.example/embed/k3x9f2a7qd?step=5&lanes=tf");
        assertThat(links.embedSnippet()).isEqualTo("<iframe src=\"https://ss.example/embed/k3x9f2a7qd?step=5&amp;lanes=tf\""
                + " title=\"A &quot;quoted&quot; &lt;title&gt; (shadowstep)\" width=\"100%\" height=\"560\" loading=\"lazy\"></iframe>");
        assertThat(links.txt()).isEqualTo("https://ss.example/s/k3x9f2a7qd.txt");
    }
}
