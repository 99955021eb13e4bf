package dev.shadowstep.web.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The /sources registry and the texts agree: every cite resolves, every entry is cited somewhere. */
class SourceRegistryTest {

    private final List<Source> sources = SourceRegistry.load();
    private final Citations citations = new Citations(sources);

    @Test
    void everyCitationInTheShippedTextsHasAnEntry() {
        List<String> missing = new ArrayList<>();
        ShippedTexts.files().forEach((where, text) ->
                citations.unresolved(text).forEach(c -> missing.add(where + ": " + c)));
        assertThat(missing).isEmpty();
    }

    @Test
    void everyEntryIsCitedByAScenarioADocOrAWhyText() {
        Set<Source> used = new HashSet<>();
        for (Map<String, String> texts : List.of(ShippedTexts.files(), ShippedTexts.runs())) {
            texts.values().forEach(t -> used.addAll(citations.cited(t)));
        }
        assertThat(sources).allSatisfy(s -> assertThat(used).as(s.id() + " is cited somewhere").contains(s));
    }

    @Test
    void entriesHaveUniqueIdsATitleAndAPublicUrl() {
        assertThat(sources).extracting(Source::id).doesNotHaveDuplicates();
        assertThat(sources).allSatisfy(s -> {
            assertThat(s.title()).as(s.id()).isNotBlank();
            assertThat(s.url()).as(s.id()).startsWith("https://");
            assertThat(s.kind().equals("sdm") ? s.section() : s.cite()).as(s.id()).isNotBlank();
        });
    }

    @Test
    void citationsResolveBySectionCommitAndMessageId() {
        assertThat(citations.cited("(SDM Vol. 3A 6.8.3; SDM 26.6.1-26.6.3)")).extracting(Source::id)
                .contains("sdm-3a-6.8.3", "sdm-3c-26.6.1", "sdm-3c-26.6.3");
        assertThat(citations.cited("the 2022 fix, KVM commit b9bed78e2fa9")).extracting(Source::id)
                .containsExactly("kvm-b9bed78e2fa9");
        assertThat(citations.unresolved("SDM Vol. 3A 6.99.1, commit 0123456789ab, lore nobody@example.org"))
                .containsExactly("SDM 6.99.1", "commit 0123456789ab", "lore nobody@example.org");
    }
}
