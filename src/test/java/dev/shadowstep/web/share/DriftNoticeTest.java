package dev.shadowstep.web.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.shadowstep.permalink.Drift;
import dev.shadowstep.permalink.LinkPreview;
import dev.shadowstep.permalink.Permalink;
import dev.shadowstep.permalink.PermalinkProperties;
import dev.shadowstep.permalink.PermalinkService;
import dev.shadowstep.permalink.StoredLink;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.FakeTraces;
import dev.shadowstep.web.WebSliceConfig;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** What the permalink page and the embed view say about drift, with drift made up for the test. */
@WebMvcTest(PermalinkPageController.class)
@Import({WebSliceConfig.class, OpenedLinks.class})
@EnableConfigurationProperties(PermalinkProperties.class)
@TestPropertySource(properties = WebSliceConfig.TEST_LIBRARY)
class DriftNoticeTest {

    static final String SOURCE = "format: 1\ntitle: Drifted\nsummary: A run that changed. More.\nprogram: |\n  hlt\n";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    PermalinkService permalinks;

    /** Stores a link under id whose current run is the fake STI trace, with the given drift. */
    void link(String id, Drift drift, boolean withRun) {
        StoredLink stored = new StoredLink(id, "h" + id, SOURCE, LinkPreview.of("Drifted", "A run that changed. More."),
                "shadowstep 0.0.9", null, Instant.parse("2026-03-14T10:00:00Z"));
        Trace trace = withRun ? FakeTraces.stiShadow("Drifted") : null;
        when(permalinks.find(id)).thenReturn(Optional.of(new Permalink(stored, null, trace, drift)));
    }

    String page(String path) throws Exception {
        return mvc.perform(get(path)).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aChangedRunIsSaidPlainlyNearTheTitleWithTheStepItDiffersFrom() throws Exception {
        link("driftaaaaa", new Drift(Drift.Status.CHANGED, "shadowstep 0.0.9", "shadowstep 0.1.0", 5, "ignored"), true);
        String html = page("/s/driftaaaaa");
        assertThat(html).contains("This run has changed.", "This link was made with <span class=\"engine\">shadowstep 0.0.9</span>",
                "the current engine's trace (<span class=\"engine\">shadowstep 0.1.0</span>)",
                "differs from <a href=\"?step=5\" data-step-link data-step=\"5\">step 5</a> on.",
                "this page shows the current engine's run");
        assertThat(html.indexOf("This run has changed.")).isBetween(html.indexOf("id=\"scenario-title\""), html.indexOf("class=\"summary"));
        assertThat(html).doesNotContain("the current engine shows the same run");
    }

    @Test
    void aChangeThatCannotBeLocatedIsStillSaid() throws Exception {
        link("driftbbbbb", new Drift(Drift.Status.CHANGED, "shadowstep 0.0.9", "shadowstep 0.1.0", -1, "ignored"), true);
        assertThat(page("/s/driftbbbbb")).contains("This run has changed.", "differs, at a step that could not be located.");
    }

    @Test
    void theEmbedViewSaysSoToo() throws Exception {
        link("driftccccc", new Drift(Drift.Status.CHANGED, "shadowstep 0.0.9", "shadowstep 0.1.0", 7, "ignored"), true);
        assertThat(page("/embed/driftccccc")).contains("This run has changed.", ">step 7</a> on.");
    }

    @Test
    void aRunThatCannotBeComparedSaysWhy() throws Exception {
        link("driftddddd", new Drift(Drift.Status.UNKNOWN, null, "shadowstep 0.1.0", -1,
                "This link was stored without a run, so there is nothing to compare with."), true);
        assertThat(page("/s/driftddddd")).contains("class=\"notice drift\"",
                "This link was stored without a run, so there is nothing to compare with.");
    }

    @Test
    void anUnchangedRunGetsAQuietLineWithTheDayAndEngine() throws Exception {
        link("drifteeeee", new Drift(Drift.Status.NONE, "shadowstep 0.0.9", "shadowstep 0.0.9", -1, "same"), true);
        String html = page("/s/drifteeeee");
        assertThat(html).contains("Shared link, made on 2026-03-14 with shadowstep 0.0.9; the current engine shows the same run.")
                .doesNotContain("notice drift");
        assertThat(page("/embed/drifteeeee")).doesNotContain("made on").doesNotContain("notice drift");
    }

    @Test
    void aLinkTheCurrentEngineCannotRunIs503WithTheReasonAndTheSource() throws Exception {
        link("driftfffff", new Drift(Drift.Status.UNKNOWN, "shadowstep 0.0.9", null, -1,
                "The current engine refuses the stored scenario (hypervisor: not supported), which it once ran."), false);
        mvc.perform(get("/s/driftfffff")).andExpect(status().isServiceUnavailable());
        assertThat(page("/s/driftfffff")).contains("The current engine refuses the stored scenario",
                "title: Drifted", "href=\"http://localhost/s/driftfffff.yaml\"");
    }
}
