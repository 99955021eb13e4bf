package dev.shadowstep.web.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.Trace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class EngineTraceServiceTest {

    final EngineTraceService engine = new EngineTraceService();

    @Test
    void theDebugRegsStiScenarioRunsOnTheCoreWithItsExpectationsMet() throws IOException {
        String yaml = new ClassPathResource("scenarios/debug-regs-sti-bare-metal.yaml").getContentAsString(StandardCharsets.UTF_8);
        Trace trace = engine.run(yaml);
        assertThat(trace.outcome().status()).isEqualTo(Outcome.Status.COMPLETED);
        assertThat(trace.events()).extracting(Event::type).containsExactly(Event.Type.DB, Event.Type.IRQ, Event.Type.DB);
        assertThat(trace.expectations()).allSatisfy(r -> assertThat(r.ok()).as(r.expect()).isTrue());
    }

    @Test
    void anInvalidScenarioIsRejectedWithLocatedProblems() {
        assertThatThrownBy(() -> engine.run("format: 1\nprogram: nop\n"))
                .isInstanceOfSatisfying(ScenarioRejectedException.class, e ->
                        assertThat(e.problems()).anySatisfy(p -> assertThat(p.path()).isEqualTo("title")));
    }

    @Test
    void anAssemblyErrorIsLocatedOnItsProgramLine() {
        assertThatThrownBy(() -> engine.run("format: 1\ntitle: t\nprogram: |\n  nop\n  frobnicate %rax\n"))
                .isInstanceOfSatisfying(ScenarioRejectedException.class, e -> {
                    assertThat(e.problems().getFirst().path()).isEqualTo("program");
                    assertThat(e.problems().getFirst().line()).isEqualTo(5);
                    assertThat(e.problems().getFirst().message()).contains("frobnicate");
                });
    }
}
