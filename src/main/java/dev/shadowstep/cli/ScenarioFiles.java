package dev.shadowstep.cli;

import dev.shadowstep.scenario.ScenarioError;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reading scenario files for the commands, and printing their errors the way compilers do. */
final class ScenarioFiles {
    /** Larger inputs are refused before they are read whole (the loader refuses over 64 KiB anyway). */
    private static final long MAX_BYTES = 1 << 20;

    private ScenarioFiles() {}

    /** Returns the text of {@code name} ({@code -} is standard input). */
    static String read(String name) throws IOException {
        if (name.equals("-")) {
            try (InputStream in = System.in) {
                return new String(in.readNBytes((int) MAX_BYTES + 1), StandardCharsets.UTF_8);
            }
        }
        Path p = Path.of(name);
        if (Files.isDirectory(p)) throw new IOException("is a directory; give a scenario file");
        if (Files.size(p) > MAX_BYTES) throw new IOException("is larger than 1 MiB; a scenario is at most 64 KiB");
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** Returns the scenario files named by {@code args}: files as given, directories searched for *.yaml, *.yml, *.json. */
    static List<String> expand(List<String> args) throws IOException {
        List<String> files = new ArrayList<>();
        for (String a : args) {
            Path p = Path.of(a);
            if (!Files.isDirectory(p)) {
                files.add(a);
                continue;
            }
            try (Stream<Path> walk = Files.walk(p)) {
                walk.filter(Files::isRegularFile).map(Path::toString)
                        .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json"))
                        .sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** Prints each error as {@code FILE:LINE:COLUMN: path: message}, the form editors jump to. */
    static void printErrors(String file, List<ScenarioError> errors, PrintStream err) {
        for (ScenarioError e : errors) {
            StringBuilder b = new StringBuilder(file);
            if (e.line() > 0) b.append(':').append(e.line());
            if (e.line() > 0 && e.column() > 0) b.append(':').append(e.column());
            b.append(": ");
            if (e.path() != null && !e.path().isEmpty()) b.append(e.path()).append(": ");
            err.println(b.append(e.message()));
        }
    }
}
