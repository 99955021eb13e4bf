package dev.shadowstep.web.rules;

import dev.shadowstep.trace.Steps;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.library.LibraryEntry;
import dev.shadowstep.web.library.ScenarioLibrary;
import dev.shadowstep.web.run.TraceService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Service;

/**
 * Which library scenarios exercise each rule, from the library's own traces: every scenario is run
 * once, on a platform thread of its own (never a virtual-thread carrier), the first time a rule page
 * asks; the index is then kept.
 */
@Service
class RuleUsage {
    /** How long a page waits for the index before it answers without the scenario list. */
    static final long WAIT_SECONDS = 30;
    /** How many steps of each scenario are read: a long loop repeats its rules long before this. */
    static final int STEPS_READ = 50_000;

    private final ScenarioLibrary library;
    private final TraceService traces;
    private CompletableFuture<Map<String, List<LibraryEntry>>> index;

    RuleUsage(ScenarioLibrary library, TraceService traces) {
        this.library = library;
        this.traces = traces;
    }

    /** Returns the library scenarios whose trace has {@code ruleId} on a step or a held line, or null while still indexing. */
    List<LibraryEntry> scenariosUsing(String ruleId) {
        try {
            return start().get(WAIT_SECONDS, TimeUnit.SECONDS).getOrDefault(ruleId, List.of());
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("indexing the library's rules failed", e.getCause());
        }
    }

    private synchronized CompletableFuture<Map<String, List<LibraryEntry>>> start() {
        if (index == null) {
            index = new CompletableFuture<>();
            Thread.ofPlatform().name("rule-usage").daemon(true).start(() -> {
                try {
                    index.complete(build());
                } catch (RuntimeException e) {
                    index.completeExceptionally(e);
                }
            });
        }
        return index;
    }

    private Map<String, List<LibraryEntry>> build() {
        Map<String, List<LibraryEntry>> out = new HashMap<>();
        for (LibraryEntry entry : library.entries()) {
            Trace trace;
            try {
                trace = traces.run(entry.yaml());
            } catch (RuntimeException e) {
                continue;  // a scenario that does not run (the library's own tests catch it) uses no rule
            }
            for (String id : rulesOf(trace)) {
                out.computeIfAbsent(id, k -> new ArrayList<>()).add(entry);
            }
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(out);
    }

    /** Returns the rule ids on the steps and held lines of {@code trace} (its first {@link #STEPS_READ}), in first-use order. */
    static Set<String> rulesOf(Trace trace) {
        Set<String> ids = new LinkedHashSet<>();
        Steps steps = trace.steps();
        for (int i = 0; i < Math.min(steps.size(), STEPS_READ); i++) {
            var s = steps.get(i);
            if (s.rule() != null) ids.add(s.rule());
            ids.addAll(s.rules());
        }
        return ids;
    }
}
