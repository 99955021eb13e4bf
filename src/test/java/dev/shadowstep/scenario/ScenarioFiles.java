package dev.shadowstep.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads scenario files from the test resources. */
final class ScenarioFiles {

    private ScenarioFiles() {}

    static Path dir(String name) {
        try {
            return Path.of(ScenarioFiles.class.getResource("/scenarios/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String example() {
        return read(dir("valid").resolve("sti-shadow-debug-regs.yaml"));
    }
}
