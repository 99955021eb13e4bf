package dev.shadowstep.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowstep.web.yaml.YamlTree;
import dev.shadowstep.web.yaml.YamlTreeException;
import org.junit.jupiter.api.Test;

/**
 * Maps and lists nested thousands deep (about 10 KB): before the fix, YamlTree's composer
 * recursed once per level and threw StackOverflowError (a 500 and 119 KB of stack trace per
 * request on /api/run and the editor). Every reader now refuses more than MAX_DEPTH levels first.
 */
class DeepNestingTest {

    static final String VALID = "format: 1\ntitle: t\nprogram: hlt\n";

    static String[] deepTexts() {
        int levels = 6000;
        return new String[] {
            VALID + "data: " + "[".repeat(levels) + "]".repeat(levels) + "\n",
            VALID + "data: " + "{a: ".repeat(levels) + "1" + "}".repeat(levels) + "\n",
            VALID + "data:\n" + nestedBlock(300), // block style indents each level: 300 levels fit in 64 KiB
            "{\"format\": 1, \"title\": \"t\", \"program\": \"hlt\", \"data\": " + "[".repeat(levels) + "]".repeat(levels) + "}",
        };
    }

    private static String nestedBlock(int levels) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < levels; i++) out.append(" ".repeat(i + 1)).append("- ").append('\n');
        return out.toString();
    }

    @Test
    void theScenarioLoaderReportsDeepNestingAsALocatedError() {
        for (String text : deepTexts()) {
            assertThatThrownBy(() -> ScenarioLoader.load(text))
                    .isInstanceOf(ScenarioException.class)
                    .satisfies(e -> assertThat(((ScenarioException) e).errors()).anySatisfy(err -> {
                        assertThat(err.message()).doesNotContain("internal error", "bug");
                        assertThat(err.line()).isPositive();
                    }));
        }
    }

    @Test
    void theYamlTreeRefusesDeepNestingBeforeItRecurses() {
        for (String text : deepTexts()) {
            assertThatThrownBy(() -> YamlTree.parse(text)).isInstanceOf(YamlTreeException.class);
        }
    }

    @Test
    void nestingUpToTheLimitIsStillATree() {
        int levels = ScenarioLoader.MAX_DEPTH - 1;
        String text = VALID + "data: " + "[".repeat(levels) + "]".repeat(levels) + "\n";
        assertThat(YamlTree.parse(text).root().getValue()).hasSize(4);
    }
}
