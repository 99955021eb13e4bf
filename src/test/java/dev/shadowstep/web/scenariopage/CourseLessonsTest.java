package dev.shadowstep.web.scenariopage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.Address;
import dev.shadowstep.scenario.Question;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.scenario.StepRef;
import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.MarkdownLite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Start-here course: twelve lessons in order, and in each one every numbered point reaches a
 * step and every question's hand-written answer is what the run does (the revealed event's pushed
 * RIP is the answer's line), with its choices on different lines.
 */
class CourseLessonsTest {

    static final Path LIBRARY = Path.of("src/main/resources/scenarios");

    static List<Path> lessons() throws IOException {
        try (Stream<Path> files = Files.list(LIBRARY)) {
            return files.filter(p -> p.getFileName().toString().startsWith("course-")).sorted().toList();
        }
    }

    @Test
    void theCourseHasTwelveLessonsNumberedOneToTwelveInFileOrder() throws IOException {
        List<Scenario> course = lessons().stream().map(CourseLessonsTest::load).toList();
        assertThat(course).hasSize(12);
        assertThat(course).allSatisfy(s -> assertThat(s.lesson().course()).isEqualTo("start-here"));
        assertThat(course).extracting(s -> s.lesson().order()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    @TestFactory
    Stream<DynamicTest> eachLessonsPointsAndAnswersAgreeWithItsRun() throws IOException {
        return lessons().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Scenario scenario = load(file);
            Trace trace = ScenarioRunner.run(scenario, null);
            assertThat(trace.expectations()).allSatisfy(r -> assertThat(r.ok()).as(r.message()).isTrue());
            assertThat(scenario.questions()).as("a lesson asks at least one question").isNotEmpty();
            assertThat(scenario.lesson().points()).as("a lesson has numbered points").isNotEmpty();
            for (StepRef point : scenario.lesson().points()) {
                assertThat(LessonView.step(point, trace)).as("point %s reaches a step", point).isNotNull();
            }
            String html = MarkdownLite.toHtml(scenario.summary(), scenario.lesson().points().stream()
                    .map(p -> LessonView.step(p, trace)).toList());
            for (int n = 1; n <= scenario.lesson().points().size(); n++) {
                assertThat(html).as("the summary writes point (%d) as a link", n).contains(">(" + n + ")</a>");
            }
            for (Question q : scenario.questions()) {
                Set<Long> lines = new HashSet<>();
                for (Address.LabelRef c : q.choices()) {
                    assertThat(lines.add(trace.symbols().get(c.label()))).as("choice %s is its own line", c.label()).isTrue();
                }
                Integer step = LessonView.step(q.reveal(), trace);
                assertThat(step).as("the answer to '%s' reveals a step", q.ask()).isNotNull();
                long answer = trace.symbols().get(q.answer().label());
                if (q.reveal() instanceof StepRef.ExpectStep) {
                    Event event = trace.events().stream().filter(e -> e.step() == step && e.at() != null)
                            .findFirst().orElseThrow(() -> new AssertionError("no event at step " + step));
                    assertThat(event.at()).as("'%s': the revealed %s pushes the answer's RIP", q.ask(), event.name())
                            .isEqualTo(answer);
                } else {
                    assertThat(trace.steps().rip(step)).isEqualTo(answer);
                }
            }
        }));
    }

    @Test
    void everyLessonCitesPublicSourcesThatTheRegistryListsAndNoneItDoesNot() throws IOException {
        var citations = new dev.shadowstep.web.sources.SourceRegistry().citations();
        for (Path file : lessons()) {
            String summary = load(file).summary();
            assertThat(citations.cited(summary)).as("%s cites a listed public source", file.getFileName()).isNotEmpty();
            assertThat(citations.unresolved(summary)).as("%s cites nothing unlisted", file.getFileName()).isEmpty();
        }
    }

    @Test
    void aLessonPageViewHasItsPointsQuestionsAndTheRevealedWhy() throws IOException {
        String source = Files.readString(LIBRARY.resolve("course-01-what-is-a-shadow.yaml"));
        Trace trace = ScenarioRunner.run(ScenarioLoader.load(source), null);
        LessonView view = LessonView.of(source, trace);
        assertThat(view.isLesson()).isTrue();
        assertThat(view.points()).doesNotContainNull().hasSize(3);
        LessonView.QuestionView q = view.questions().getFirst();
        assertThat(q.choices()).extracting(LessonView.ChoiceView::label).containsExactly("start", "in_shadow", "after_nop");
        assertThat(q.choices()).extracting(LessonView.ChoiceView::text).containsExactly("sti", "nop", "cli");
        assertThat(q.choices()).filteredOn(LessonView.ChoiceView::correct).extracting(LessonView.ChoiceView::label)
                .containsExactly("after_nop");
        assertThat(q.why()).isNotBlank();
        assertThat(Objects.requireNonNull(q.step())).isEqualTo(view.points().get(2));
    }

    @Test
    void aScenarioWithoutALessonHasNoLessonView() throws IOException {
        String source = Files.readString(LIBRARY.resolve("sti-shadow-basic.yaml"));
        assertThat(LessonView.of(source, ScenarioRunner.run(ScenarioLoader.load(source), null))).isSameAs(LessonView.NONE);
    }

    private static Scenario load(Path file) {
        try {
            return ScenarioLoader.load(Files.readString(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
