package dev.shadowstep.web.sources;

import dev.shadowstep.findings.Findings;
import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.Finding;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Trace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every text the product shows a reader, keyed by where it comes from: the scenario files, the docs,
 * the templates, the findings' and KVM's why string literals, and the why / held sentences and
 * findings of a run of every library scenario (so the check holds whatever code produces them).
 */
final class ShippedTexts {

    static final Path SCENARIOS = Path.of("src/main/resources/scenarios");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static Map<String, String> files;
    private static Map<String, String> runs;

    private ShippedTexts() {}

    /** Scenario files, their README, src/docs, templates and the string literals of findings and Kvm.java. */
    static synchronized Map<String, String> files() {
        if (files == null) {
            Map<String, String> texts = new LinkedHashMap<>();
            walk(SCENARIOS, ".yaml", texts);
            walk(SCENARIOS, ".md", texts);
            walk(Path.of("src/docs"), ".md", texts);
            walk(Path.of("src/main/resources/templates"), ".html", texts);
            List<Path> java = new ArrayList<>();
            try (Stream<Path> s = Files.list(Path.of("src/main/java/dev/shadowstep/findings"))) {
                s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(java::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            java.add(Path.of("src/main/java/dev/shadowstep/core/kvm/Kvm.java"));
            for (Path p : java) texts.put(p.toString(), literals(read(p)));
            files = texts;
        }
        return files;
    }

    /** The why and held sentences and the findings of one run of every library scenario. */
    static synchronized Map<String, String> runs() {
        if (runs == null) {
            Map<String, String> texts = new LinkedHashMap<>();
            try (Stream<Path> s = Files.list(SCENARIOS)) {
                for (Path file : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                    Scenario scenario = ScenarioLoader.load(read(file));
                    Trace trace = ScenarioRunner.run(scenario, null);
                    StringBuilder out = new StringBuilder();
                    for (int i = 0; i < trace.steps().size(); i++) {
                        Step step = trace.steps().get(i);
                        if (step.why() != null) out.append(step.why()).append('\n');
                        step.held().forEach(h -> out.append(h).append('\n'));
                    }
                    for (Finding f : Findings.of(scenario, trace)) out.append(f.message()).append('\n');
                    texts.put("run of " + file.getFileName(), out.toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            runs = texts;
        }
        return runs;
    }

    /** Returns the Java string literals of a source file, joined (adjacent literals joined without a break). */
    static String literals(String java) {
        StringBuilder out = new StringBuilder();
        for (Matcher m = STRING_LITERAL.matcher(java); m.find(); ) out.append(m.group(1).replace("\\\"", "\""));
        return out.toString();
    }

    private static void walk(Path dir, String suffix, Map<String, String> into) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> p.toString().endsWith(suffix)).sorted().forEach(p -> into.put(p.toString(), read(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
