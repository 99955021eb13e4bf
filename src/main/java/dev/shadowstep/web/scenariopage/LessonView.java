package dev.shadowstep.web.scenariopage;

import dev.shadowstep.scenario.Address;
import dev.shadowstep.scenario.Lesson;
import dev.shadowstep.scenario.Question;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioException;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.scenario.StepRef;
import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.ListingEntry;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Steps;
import dev.shadowstep.trace.Trace;
import java.util.ArrayList;
import java.util.List;

/**
 * A lesson as its page shows it: the steps of the summary's numbered points and the questions,
 * each choice with its listing line and each answer with the step it reveals and that step's why.
 *
 * @param course  the course id, or null when the scenario is not a lesson
 * @param points  the step of each numbered point, null where the run has no such step
 */
public record LessonView(String course, int order, List<Integer> points, List<QuestionView> questions) {

    /** How far a {@code {at: label}} step is looked for. */
    static final int STEPS_SEARCHED = 200_000;
    static final LessonView NONE = new LessonView(null, 0, List.of(), List.of());

    public LessonView {
        points = java.util.Collections.unmodifiableList(new ArrayList<>(points));
        questions = List.copyOf(questions);
    }

    /** One question; {@code id} is stable within the page ({@code q1}, {@code q2}). */
    public record QuestionView(String id, String ask, List<ChoiceView> choices, String answer, Integer step,
                               String stepText, String why) {}

    /** One choice: its label and the listing line at the label. */
    public record ChoiceView(String label, String address, String text, boolean correct) {}

    public boolean isLesson() {
        return course != null;
    }

    /** Returns the view of a scenario text that ran as {@code trace}; {@link #NONE} when it has no lesson or questions. */
    static LessonView of(String source, Trace trace) {
        Scenario scenario;
        try {
            scenario = ScenarioLoader.load(source == null ? "" : source);
        } catch (ScenarioException e) {
            return NONE;
        }
        Lesson lesson = scenario.lesson();
        if (lesson == null && scenario.questions().isEmpty()) return NONE;
        List<Integer> points = new ArrayList<>();
        if (lesson != null) lesson.points().forEach(p -> points.add(step(p, trace)));
        List<QuestionView> questions = new ArrayList<>();
        for (int i = 0; i < scenario.questions().size(); i++) {
            questions.add(question("q" + (i + 1), scenario.questions().get(i), trace));
        }
        return new LessonView(lesson == null ? null : lesson.course(), lesson == null ? 0 : lesson.order(), points,
                questions);
    }

    private static QuestionView question(String id, Question q, Trace trace) {
        List<ChoiceView> choices = new ArrayList<>();
        for (Address.LabelRef choice : q.choices()) {
            Long address = trace.symbols().get(choice.label());
            choices.add(new ChoiceView(choice.label(), address == null ? "" : "0x" + Long.toHexString(address), line(trace, address),
                    choice.label().equals(q.answer().label())));
        }
        Integer step = step(q.reveal(), trace);
        Step revealed = step == null ? null : trace.steps().get(step);
        return new QuestionView(id, q.ask(), choices, q.answer().label(), step,
                revealed == null ? null : revealed.text(), revealed == null ? null : revealed.why());
    }

    /** Returns the listing text of the instruction at {@code address}, or "" when there is none. */
    private static String line(Trace trace, Long address) {
        if (address == null) return "";
        for (ListingEntry entry : trace.listing()) {
            if (entry.address() == address && entry.line() > 0) return entry.text();
        }
        return "";
    }

    /** Returns the step a reference names in this run, or null when the run has none. */
    static Integer step(StepRef ref, Trace trace) {
        return switch (ref) {
            case StepRef.ExpectStep e -> {
                List<ExpectationResult> results = trace.expectations();
                yield e.item() <= results.size() ? results.get(e.item() - 1).step() : null;
            }
            case StepRef.FirstAt at -> {
                Long address;
                try {
                    address = at.at().resolve(trace.symbols());
                } catch (ScenarioException unknown) {
                    yield null;
                }
                Steps steps = trace.steps();
                Integer found = null;
                for (int i = 0; i < Math.min(steps.size(), STEPS_SEARCHED) && found == null; i++) {
                    if (steps.kind(i) == Step.Kind.INSN && steps.rip(i) == address) found = i;
                }
                yield found;
            }
        };
    }
}
