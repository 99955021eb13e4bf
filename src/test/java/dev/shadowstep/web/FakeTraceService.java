package dev.shadowstep.web;

import dev.shadowstep.trace.Trace;
import dev.shadowstep.scenario.ScenarioError;
import dev.shadowstep.web.run.ScenarioRejectedException;
import dev.shadowstep.web.run.TraceService;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in engine for web tests: a scenario without a title is rejected (as the loader
 * would, with a located error); {@code max_steps: N} of 100000 or more gives a long loop;
 * anything else gives the hand-written STI trace.
 */
public class FakeTraceService implements TraceService {

    private static final Pattern TITLE = Pattern.compile("\"?title\"?\\s*:\\s*\"?([^\",\\n]*)");
    private static final Pattern MAX_STEPS = Pattern.compile("max_steps:\\s*(\\d+)");

    public final AtomicInteger runs = new AtomicInteger();

    @Override
    public Trace run(String yaml) {
        runs.incrementAndGet();
        Matcher title = TITLE.matcher(yaml);
        if (!title.find()) {
            throw new ScenarioRejectedException(List.of(
                    new ScenarioError("title", 1, 1, "title is required: add a one-line title such as title: \"STI shadow\"")));
        }
        Matcher max = MAX_STEPS.matcher(yaml);
        if (max.find() && Integer.parseInt(max.group(1)) >= 100_000) {
            return FakeTraces.longLoop(Integer.parseInt(max.group(1)));
        }
        return FakeTraces.stiShadow(title.group(1));
    }
}
