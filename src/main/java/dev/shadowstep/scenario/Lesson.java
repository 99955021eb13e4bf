package dev.shadowstep.scenario;

import java.util.List;

/**
 * Where a scenario sits in a course, and the steps its summary's numbered points go to:
 * {@code (1)} in the summary links to {@code points.get(0)}.
 *
 * @param course the course's id, e.g. {@code start-here}
 * @param order  the lesson's place in the course, from 1
 */
public record Lesson(String course, int order, List<StepRef> points) {

    public Lesson {
        points = List.copyOf(points);
    }
}
