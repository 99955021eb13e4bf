package dev.shadowstep.findings;

import dev.shadowstep.testing.Seed;
import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.Finding;
import dev.shadowstep.trace.Trace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs scenarios for the findings tests: inline YAML or files of the built-in library. */
final class Runs {
    static final Path LIBRARY = Path.of("src/main/resources/scenarios");

    /** The STI test of debug_regs.c on bare metal, with EOI; {@link #withoutEoi} drops the EOI lines. */
    static final String SEED = Seed.SCENARIO;

    private Runs() {}

    static String withoutEoi(String yaml) {
        return yaml.replace("  movl $0x80b, %ecx\n  xor %eax, %eax\n  xor %edx, %edx\n  wrmsr\n", "");
    }

    static Scenario scenario(String yaml) {
        return ScenarioLoader.load(yaml);
    }

    /** Returns the reviewed trace of {@code yaml}. */
    static Trace run(String yaml) {
        return ScenarioRunner.run(scenario(yaml), null);
    }

    static String library(String file) {
        try {
            return Files.readString(LIBRARY.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the findings of one kind. */
    static List<Finding> of(Trace trace, Finding.Kind kind) {
        return trace.findings().stream().filter(f -> f.kind() == kind).toList();
    }
}
