package dev.shadowstep.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading trace JSON back: round trips, tolerance of new fields, and errors that name the place. */
class TraceJsonReadTest {

    static String write(Trace trace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceJson.write(trace, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static Trace read(String json) {
        return TraceJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theBareMetalTraceSurvivesARoundTrip() {
        String json = write(StiTraces.bare());
        assertThat(write(read(json))).isEqualTo(json);
    }

    @Test
    void theKvmTraceSurvivesARoundTripWithItsVmcs() {
        String json = write(StiKvmTrace.build());
        Trace back = read(json);
        assertThat(write(back)).isEqualTo(json);
        assertThat(back.steps().get(5).state().vmcs().entryIntrInfo()).isEqualTo(0x80000301L);
    }

    @Test
    void readingGivesBackTheModelValues() {
        Trace back = read(write(StiTraces.bare()));
        Step db = back.steps().get(4);
        assertThat(back.steps().size()).isEqualTo(23);
        assertThat(db.kind()).isEqualTo(Step.Kind.DELIVER);
        assertThat(db.state().dr6()).isEqualTo(0xffff4ff0L);
        assertThat(db.held()).containsExactly("IRQ 0xaa held: STI shadow");
        assertThat(back.events().get(1).vector()).isEqualTo(0xaa);
        assertThat(back.events().get(0).cause()).containsExactly("BS");
        assertThat(back.events().get(1).cause()).isNull();
        assertThat(back.symbols()).containsEntry("fep_sti_end", StiTraces.FEP_STI_END);
        assertThat(back.listing().get(1).bytes()).hasSize(8);
        assertThat(back.scenario().id()).isEqualTo("k3x9f2a7qd");
        assertThat(back.expectations().get(3).ok()).isTrue();
    }

    @Test
    void findingsSurviveARoundTripWithAndWithoutAStep() {
        Trace back = read(write(StiKvmTrace.build()));
        assertThat(back.findings()).isEqualTo(StiKvmTrace.build().findings());
        assertThat(back.findings()).extracting(Finding::step).containsExactly(5, 6, null);
        assertThat(back.findings().getFirst().kind()).isEqualTo(Finding.Kind.ENTRY_NEEDS_FIX);
        assertThat(back.findings().getLast().severity()).isEqualTo(Finding.Severity.WARNING);
    }

    @Test
    void aTraceWrittenBeforeFindingsExistedReadsWithNone() {
        String json = write(StiTraces.bare());
        String old = json.substring(0, json.indexOf(",\"findings\":")) + "}";
        assertThat(read(old).findings()).isEmpty();
        assertThat(read(old).expectations()).hasSize(4);
    }

    @Test
    void anUnknownFindingKindIsNamedWithItsPath() {
        String json = write(StiTraces.bare()).replace("\"kind\":\"irq_after_iret_shadow\"", "\"kind\":\"irq_late\"");
        assertThatThrownBy(() -> read(json)).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("findings[1].kind")
                .hasMessageContaining("\"irq_late\" is not one of: missing_eoi, in_service_at_end");
    }

    @Test
    void aFindingWithoutAMessageIsRefused() {
        String json = write(StiTraces.bare()).replaceFirst(",\"message\":\"Another[^\"]*\"", "");
        assertThatThrownBy(() -> read(json)).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("findings[2].message")
                .hasMessageContaining("missing");
    }

    @Test
    void fieldsAddedByALaterWriterAreSkipped() {
        String json = write(StiTraces.bare())
                .replace("\"engine\":", "\"newTopLevel\":{\"a\":[1,2]},\"engine\":")
                .replace("\"why\":", "\"severity\":\"info\",\"why\":");
        assertThat(write(read(json))).isEqualTo(write(StiTraces.bare()));
    }

    @Test
    void whoRunsAStepIsReadWhenGivenAndDerivedFromWhereWhenNot() {
        String json = write(StiTraces.bare());
        Trace old = read(json);
        assertThat(old.steps().get(0).runs()).isNull();
        assertThat(old.steps().get(0).runner()).isEqualTo(Runner.L1);
        Trace said = read(json.replaceFirst("\"where\":\"guest\"", "\"where\":\"guest\",\"runs\":\"l2\""));
        assertThat(said.steps().get(0).runner()).isEqualTo(Runner.L2);
        assertThatThrownBy(() -> read(json.replaceFirst("\"where\":\"guest\"", "\"where\":\"guest\",\"runs\":\"l3\"")))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("steps[0].runs").hasMessageContaining("host, l1, l2");
    }

    @Test
    void aBadHexValueNamesTheStepFieldAndItsLine() {
        String json = write(StiTraces.bare()).replace("\"rip\":\"0x401009\"", "\"rip\":\"401009\"");
        assertThatThrownBy(() -> read(json)).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("steps[1].state.rip (line 1, column")
                .hasMessageContaining("expected a hex string like \"0x40100b\"");
    }

    @Test
    void anUnknownKindListsTheKindsThatExist() {
        String json = write(StiTraces.bare()).replaceFirst("\"kind\":\"deliver\"", "\"kind\":\"delivery\"");
        assertThatThrownBy(() -> read(json)).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("steps[4].kind")
                .hasMessageContaining("\"delivery\" is not one of: insn, deliver, vmexit, vmentry, host");
    }

    @Test
    void aMissingRequiredFieldIsNamedWithItsPath() {
        String json = write(StiTraces.bare()).replaceFirst("\"dr7\":\"0x400\",", "");
        assertThatThrownBy(() -> read(json)).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("steps[0].state.dr7")
                .hasMessageContaining("missing");
    }

    @Test
    void anotherFormatVersionIsRefusedByName() {
        String json = write(StiTraces.bare()).replaceFirst("\"format\":1", "\"format\":2");
        assertThatThrownBy(() -> read(json)).isInstanceOf(TraceFormatException.class)
                .hasMessage("format: this reader knows trace format 1, the file has 2");
    }

    @Test
    void malformedJsonIsReportedWithLineAndColumn() {
        assertThatThrownBy(() -> read("{\n  \"format\": 1,\n  \"engine\": }"))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith("trace JSON is malformed (line 3, column");
    }

    @Test
    void aDocumentThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> read("[1, 2]")).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("expected a JSON object");
    }
}
