package dev.shadowstep.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** The benchmark's memory side (its speed is measured by running Bench, not here). */
class BenchTest {

    @Test
    void theRecordingLoopStaysUnder64BytesOfColumnsPerStepAndReportsBothNumbers() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Bench.Result r = Bench.run(300_000, new PrintStream(text));
        assertThat(r.steps()).isEqualTo(300_000);
        assertThat(r.columnBytesPerStep()).isLessThan(64);
        assertThat(text.toString()).contains("steps/s").contains("bytes/step");
    }
}
