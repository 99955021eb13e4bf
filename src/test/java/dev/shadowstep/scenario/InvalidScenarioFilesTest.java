package dev.shadowstep.scenario;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Each file in scenarios/invalid/ holds one realistic mistake, and its first line says which
 * error the loader must report: {@code # expect: <path> @<line>: <message fragment>}.
 */
class InvalidScenarioFilesTest {

    private static final Pattern HEADER = Pattern.compile("# expect: (\\S*) ?@(\\d+): (.+)");

    static Stream<Path> invalidFiles() throws IOException {
        try (Stream<Path> files = Files.list(ScenarioFiles.dir("invalid"))) {
            return files.sorted().toList().stream();
        }
    }

    @Test
    void thereAreAtLeastFiftyMalformedScenarios() throws IOException {
        assertThat(invalidFiles().count()).isGreaterThanOrEqualTo(50);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void eachMalformedScenarioIsRejectedWithTheLocatedErrorItsHeaderNames(Path file) {
        String text = ScenarioFiles.read(file);
        Matcher header = HEADER.matcher(text.lines().findFirst().orElse(""));
        assertThat(header.matches()).as("first line of %s is '# expect: <path> @<line>: <fragment>'", file).isTrue();
        if (file.toString().endsWith(".json")) {
            // JSON has no comments: the header line is blanked, so that line numbers stay those of the file.
            text = text.substring(text.indexOf('\n'));
        }
        String source = text;
        Throwable thrown = catchThrowable(() -> ScenarioLoader.load(source));

        assertThat(thrown).as(file.getFileName().toString()).isInstanceOf(ScenarioException.class);
        List<ScenarioError> errors = ((ScenarioException) thrown).errors();
        assertThat(errors).as("errors of %s", file.getFileName()).anySatisfy(error -> {
            assertThat(error.path()).isEqualTo(header.group(1));
            assertThat(error.line()).isEqualTo(Integer.parseInt(header.group(2)));
            assertThat(error.message()).contains(header.group(3));
        });
        assertThat(errors).allSatisfy(error -> assertThat(error.message()).doesNotContain("internal error"));
    }
}
