package dev.shadowstep.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code lesson} (a scenario's place in a course and its numbered points) and
 * {@code questions} (predict-then-reveal), both optional additions to format 1.
 */
final class LessonReader {

    static final List<String> LESSON_KEYS = List.of("course", "order", "points");
    static final List<String> QUESTION_KEYS = List.of("ask", "choices", "answer", "reveal");
    static final List<String> STEP_KEYS = List.of("expect", "at");
    /** A question offers at least two lines and at most this many. */
    static final int MAX_CHOICES = 6;
    static final int MAX_QUESTIONS = 4;
    static final int MAX_POINTS = 12;
    private static final Pattern COURSE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    /** A numbered point in a summary: {@code (3)}. */
    static final Pattern POINT = Pattern.compile("\\((\\d{1,2})\\)");

    private LessonReader() {}

    /** Returns the lesson, or null after reporting errors; {@code expectItems} is -1 when expect did not read. */
    static Lesson lesson(Node node, String path, Errors errors, int expectItems) {
        Fields f = Fields.of(node, path, errors, LESSON_KEYS);
        if (f == null) return null;
        int before = errors.size();
        Node courseNode = f.require("course", "course: start-here");
        String course = courseNode == null ? null : Values.text(courseNode, f.path("course"), errors);
        if (course != null && !COURSE.matcher(course.strip()).matches()) {
            errors.add(f.path("course"), courseNode.location(), "a course id is lower-case letters, digits and "
                    + "dashes, e.g. start-here; found '" + course + "'");
        }
        Node orderNode = f.require("order", "order: 1");
        Integer order = orderNode == null ? null
                : Values.smallInt(orderNode, f.path("order"), errors, IntRange.of(1, 99, "a lesson's order"));
        List<StepRef> points = List.of();
        if (f.has("points")) {
            List<Node> items = Values.list(f.get("points"), f.path("points"), errors,
                    "a list of steps, e.g. - {at: label} or - {expect: 2}");
            if (items != null) {
                if (items.size() > MAX_POINTS) {
                    errors.add(f.path("points"), f.get("points").location(), "a lesson has at most " + MAX_POINTS
                            + " numbered points; this one has " + items.size());
                }
                List<StepRef> read = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    StepRef ref = step(items.get(i), Paths.index(f.path("points"), i), errors, expectItems);
                    if (ref != null) read.add(ref);
                }
                points = read;
            }
        }
        return errors.size() > before ? null : new Lesson(course.strip(), order, points);
    }

    /** Returns the questions, or null after reporting errors. */
    static List<Question> questions(Node node, String path, Errors errors, int expectItems) {
        List<Node> items = Values.list(node, path, errors,
                "a list of questions, e.g. - {ask: ..., choices: [a, b], answer: a, reveal: {expect: 1}}");
        if (items == null) return null;
        int before = errors.size();
        if (items.size() > MAX_QUESTIONS) {
            errors.add(path, node.location(), "a lesson asks at most " + MAX_QUESTIONS + " questions; this one has "
                    + items.size());
        }
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Question q = question(items.get(i), Paths.index(path, i), errors, expectItems);
            if (q != null) questions.add(q);
        }
        return errors.size() > before ? null : questions;
    }

    private static Question question(Node node, String path, Errors errors, int expectItems) {
        Fields f = Fields.of(node, path, errors, QUESTION_KEYS);
        if (f == null) return null;
        int before = errors.size();
        Node askNode = f.require("ask", "ask: \"At which instruction does IRQ 0xAA land?\"");
        String ask = askNode == null ? null : Values.text(askNode, f.path("ask"), errors);
        if (ask != null && (ask.isBlank() || ask.strip().contains("\n"))) {
            errors.add(f.path("ask"), askNode.location(), "write the question on one line");
        }
        List<Address.LabelRef> choices = new ArrayList<>();
        Node choicesNode = f.require("choices", "choices: [sti_line, after_sti, done]");
        if (choicesNode != null) {
            List<Node> items = Values.list(choicesNode, f.path("choices"), errors,
                    "a list of program labels, e.g. [after_sti, done]");
            if (items != null) {
                if (items.size() < 2 || items.size() > MAX_CHOICES) {
                    errors.add(f.path("choices"), choicesNode.location(), "a question offers 2 to " + MAX_CHOICES
                            + " choices; this one has " + items.size());
                }
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < items.size(); i++) {
                    Address.LabelRef choice = label(items.get(i), Paths.index(f.path("choices"), i), errors);
                    if (choice == null) continue;
                    if (!seen.add(choice.label())) {
                        errors.add(choice.path(), items.get(i).location(), "the choice '" + choice.label()
                                + "' is offered twice; each choice is a different line");
                    }
                    choices.add(choice);
                }
            }
        }
        Node answerNode = f.require("answer", "answer: after_sti  (one of the choices)");
        Address.LabelRef answer = answerNode == null ? null : label(answerNode, f.path("answer"), errors);
        if (answer != null && choicesNode != null && choices.stream().noneMatch(c -> c.label().equals(answer.label()))) {
            errors.add(f.path("answer"), answerNode.location(), "the answer '" + answer.label() + "' is not one of "
                    + "the choices (" + String.join(", ", choices.stream().map(Address.LabelRef::label).toList())
                    + "); add it to choices or pick one of them");
        }
        Node revealNode = f.require("reveal", "reveal: {expect: 2}  (the step the answer shows)");
        StepRef reveal = revealNode == null ? null : step(revealNode, f.path("reveal"), errors, expectItems);
        return errors.size() > before ? null : new Question(ask.strip(), choices, answer, reveal);
    }

    /** A choice or an answer: a program label, without an offset (it names a listing line). */
    private static Address.LabelRef label(Node node, String path, Errors errors) {
        int before = errors.size();
        Address address = Values.address(node, path, errors);
        if (errors.size() > before) return null;
        if (address instanceof Address.LabelRef ref && ref.offset() == 0) return ref;
        errors.add(path, node.location(), "a choice is a program label (the listing line it names is shown), "
                + "found " + node.describe() + "; put a label such as 'after_sti:' on the line and write it here");
        return null;
    }

    /** Reads {@code {expect: N}} or {@code {at: label}}. */
    private static StepRef step(Node node, String path, Errors errors, int expectItems) {
        Fields f = Fields.of(node, path, errors, STEP_KEYS);
        if (f == null) return null;
        if (f.has("expect") == f.has("at")) {
            errors.add(path, node.location(), "name the step one way: {expect: N} (the step where expect item N "
                    + "matched) or {at: label} (the first instruction retired at the label)");
            return null;
        }
        if (f.has("at")) {
            Address at = Values.address(f.get("at"), f.path("at"), errors);
            return at == null ? null : new StepRef.FirstAt(at);
        }
        Node n = f.get("expect");
        Integer item = Values.smallInt(n, f.path("expect"), errors, IntRange.of(1, 999, "an expect item number"));
        if (item == null) return null;
        if (expectItems >= 0 && item > expectItems) {
            errors.add(f.path("expect"), n.location(), "expect item " + item + " does not exist: the scenario's "
                    + "expect block has " + expectItems + (expectItems == 1 ? " item" : " items")
                    + " (counted from 1)");
            return null;
        }
        return new StepRef.ExpectStep(item);
    }

    /** Reports a {@code (n)} in the summary that no point backs. */
    static void checkSummaryPoints(String summary, Node summaryNode, Lesson lesson, Errors errors) {
        if (summary == null || lesson == null) return;
        Matcher m = POINT.matcher(summary);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (n < 1 || n > lesson.points().size()) {
                errors.add("summary", summaryNode == null ? Node.Location.UNKNOWN : summaryNode.location(),
                        "the summary's point (" + n + ") has no step: lesson.points lists "
                                + lesson.points().size() + "; add a step for it, e.g. - {at: label}");
                return;
            }
        }
    }
}
