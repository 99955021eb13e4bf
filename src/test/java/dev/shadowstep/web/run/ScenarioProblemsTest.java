package dev.shadowstep.web.run;

import dev.shadowstep.scenario.ScenarioError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioException;
import dev.shadowstep.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioProblemsTest {

    static List<ScenarioError> problems(String text) {
        Scenario scenario = ScenarioLoader.load(text);
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioRunner.check(scenario));
        return ScenarioProblems.of(e, text, scenario);
    }

    @Test
    void anAssemblyErrorGetsItsColumnInTheFileFromTheBlocksIndentation() {
        ScenarioError p = problems("format: 1\ntitle: t\nprogram: |\n  nop\n  stx %rax\n").getFirst();
        assertThat(p.line()).isEqualTo(5);
        assertThat(p.column()).isEqualTo(3);
        assertThat(p.path()).isEqualTo("program");
        // located once, in the file's coordinates: the program's own line and column are not repeated
        assertThat(p.message()).startsWith("unknown instruction 'stx'");
    }

    @Test
    void aDeeperBlockAndAnIndentedInstructionCountTheirSpaces() {
        ScenarioError p = problems("format: 1\ntitle: t\nprogram: |\n    nop\n      movq %rax, %dr9\n").getFirst();
        assertThat(p.line()).isEqualTo(5);
        assertThat(p.column()).isGreaterThan(4);
        assertThat("      movq %rax, %dr9".substring(0, p.column() - 1)).startsWith("    ");
    }

    @Test
    void aProgramWrittenAsAQuotedStringKeepsColumnZero() {
        ScenarioError p = problems("format: 1\ntitle: t\nprogram: \"nop\\nstx\"\n").getFirst();
        assertThat(p.column()).isZero();
        // the only place known is the program's own, so the message keeps it
        assertThat(p.message()).startsWith("program line 2, column 1: ");
    }

    @Test
    void otherErrorsKeepTheirOwnPlace() {
        ScenarioError p = problems("format: 1\ntitle: t\nidt: {1: nowhere}\nprogram: |\n  nop\n").getFirst();
        assertThat(p.path()).startsWith("idt");
        assertThat(p.line()).isEqualTo(3);
    }
}
