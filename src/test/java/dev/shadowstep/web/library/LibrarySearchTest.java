package dev.shadowstep.web.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.web.WebProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The ranking, on the real library and on small hand-made entries. The expected top results are
 * chosen by what each scenario is about (its subject, as its file name and title say), not read
 * back from the ranking.
 */
class LibrarySearchTest {

    static List<LibraryEntry> library;

    @BeforeAll
    static void readTheLibrary() {
        long started = System.nanoTime();
        library = new ScenarioLibrary(new WebProperties("classpath*:scenarios/*.yaml", 256, null, 25,
                Duration.ofDays(90), 3000, 32)).entries();
        System.out.printf("library of %d read and run for its tags in %d ms%n", library.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    static List<String> top(String query, int n) {
        List<LibraryEntry> ranked = LibrarySearch.rank(library, query);
        return ranked.subList(0, Math.min(n, ranked.size())).stream().map(LibraryEntry::slug).toList();
    }

    /** Returns the results ranked before the first whose title lacks the word: those that name it. */
    static List<String> titledFirst(String word) {
        List<LibraryEntry> ranked = LibrarySearch.rank(library, word);
        int end = 0;
        while (end < ranked.size() && LibrarySearch.normalise(ranked.get(end).title())
                .matches("(?s).*(?<![\\p{L}\\p{N}])" + word.toLowerCase() + ".*")) end++;
        assertThat(ranked.subList(end, ranked.size())).as("no title with '%s' after one without", word)
                .noneMatch(e -> LibrarySearch.normalise(e.title()).matches("(?s).*(?<![\\p{L}\\p{N}])" + word.toLowerCase() + ".*"));
        return ranked.subList(0, end).stream().map(LibraryEntry::slug).toList();
    }

    @Nested
    class OnTheLibrary {
        @Test
        void movSsFindsTheMovSsLessonFirstThenScenariosAboutTheMovSsShadow() {
            List<String> top = top("MOV SS", 10);
            assertThat(top.getFirst()).isEqualTo("course-03-mov-ss");
            assertThat(top).contains("movss-shadow-blocks-irq", "movss-shadow-movss-movss", "kut-singlestep-movss-blocking");
            assertThat(top).allSatisfy(slug -> assertThat(slug).containsAnyOf("mov-ss", "movss"));
        }

        @Test
        void dr6FindsTheSingleStepAndDr6LessonThenTheDr6Scenarios() {
            List<String> top = top("DR6", 8);
            assertThat(top.getFirst()).isEqualTo("course-04-single-step-dr6");
            assertThat(top).contains("dr6-bs-sticky-across-dbs", "dr6-bn-replaced-on-next-db", "kut-21-hw-wp-dr6-cleared");
        }

        @Test
        void nmiFindsTheNmiLessonThenScenariosAboutNmi() {
            List<String> top = top("NMI", 6);
            assertThat(top.getFirst()).isEqualTo("course-06-nmi");
            assertThat(top).contains("nmi-blocked-until-iret", "nmi-at-step-if-clear");
            assertThat(top).allSatisfy(slug -> assertThat(slug).contains("nmi"));
            assertThat(titledFirst("NMI")).contains("nmi-unblocked-by-faulting-iret", "vmentry-check-nmi-in-movss-shadow");
        }

        @Test
        void vmxFindsTheScenariosAboutVmxItselfBeforeTheKvmOnes() {
            List<String> top = top("vmx", 12);
            // the titles that name VMX (vmx_db_test, VMX instructions in a guest), then the lessons and the
            // runs that write the VMCS themselves (tagged VMX by their runs)
            assertThat(top).startsWith("kut-vmx-db-test", "vmlaunch-in-guest-kvm-ud", "course-08-vm-entry-interruptibility",
                    "course-09-pending-debug-bs");
            assertThat(top).allSatisfy(slug -> assertThat(slug).matches("course-0[89].*|vmlaunch-.*|vmx-.*|vmentry-check-.*|kut-vm.*"));
        }

        @Test
        void bsFindsTheBsCheckLessonAndTheVmEntryCasesAboutBs() {
            List<String> top = top("BS", 10);
            // lesson 4 is about DR6.BS and lesson 9 about the BS check: both lead
            assertThat(top.subList(0, 2)).containsExactly("course-04-single-step-dr6", "course-09-pending-debug-bs");
            assertThat(titledFirst("BS")).contains("vmx-case-32-tf-sti-shadow-bs0-fails",
                    "vmx-case-33-tf-sti-shadow-bs1-db-after-entry", "vmx-case-34-tf0-sti-shadow-bs1-fails",
                    "vmx-hlt-bs-pending-db-on-wakeup");
        }

        @Test
        void aBlankQueryKeepsTheLibraryOrderWithTheCourseFirst() {
            assertThat(LibrarySearch.rank(library, "  ")).isEqualTo(library);
            assertThat(library.subList(0, 12)).allSatisfy(e -> assertThat(e.topic()).isEqualTo(Topic.COURSE));
            assertThat(library.subList(0, 12)).extracting(LibraryEntry::lessonOrder)
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        }
    }

    @Nested
    class Tiers {
        static LibraryEntry e(String slug, String title, List<String> tags, String summary) {
            return new LibraryEntry(slug, title, summary, tags, "");
        }

        final LibraryEntry inSummary = e("a", "Something else", List.of(), "The MOV SS shadow holds it.");
        final LibraryEntry inTag = e("b", "A shadow", List.of("MOV SS"), "");
        final LibraryEntry titleWords = e("c", "SS loaded by MOV", List.of(), "");
        final LibraryEntry titlePhrase = e("d", "The MOV SS shadow", List.of(), "");
        final LibraryEntry scattered = e("e", "MOV to a register", List.of(), "then SS");

        @Test
        void phraseInTitleThenWordsInTitleThenTagThenSummaryThenAnywhere() {
            assertThat(LibrarySearch.rank(List.of(scattered, inSummary, inTag, titleWords, titlePhrase), "mov ss"))
                    .containsExactly(titlePhrase, titleWords, inTag, inSummary, scattered);
        }

        @Test
        void everyWordMustOccurSomewhere() {
            assertThat(LibrarySearch.rank(List.of(inTag, titlePhrase), "mov nmi")).isEmpty();
        }

        @Test
        void wordsMatchAtTheStartOfAWordOnly() {
            LibraryEntry abs = e("f", "The absolute address", List.of(), "");
            LibraryEntry bs = e("g", "PENDING_DBG.BS set", List.of(), "");
            assertThat(LibrarySearch.rank(List.of(abs, bs), "bs")).containsExactly(bs);
        }

        @Test
        void backticksAndSpacingDoNotMatter() {
            LibraryEntry code = e("h", "Why `mov   ss` matters", List.of(), "");
            assertThat(LibrarySearch.rank(List.of(code), "MOV SS")).containsExactly(code);
        }
    }
}
