package dev.shadowstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CliTest {
    static final String SEED = "src/main/resources/scenarios/debug-regs-sti-bare-metal.yaml";

    @TempDir
    Path dir;

    record Result(int status, String out, String err) {}

    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runPrintsTheTraceAsJson() {
        Result r = cli("run", SEED);
        assertThat(r.status()).isZero();
        JsonNode trace = JsonMapper.builder().build().readTree(r.out());
        assertThat(trace.get("format").asInt()).isEqualTo(1);
        assertThat(trace.get("events").get(0).get("type").asString()).isEqualTo("db");
        assertThat(trace.get("events").get(0).get("label").asString()).isEqualTo("fep_sti_start");
        assertThat(trace.get("events").get(0).get("dr6").asString()).isEqualTo("0xffff4ff0");
        assertThat(trace.get("outcome").get("status").asString()).isEqualTo("completed");
    }

    @Test
    void runAsTextShowsTheThreeDeliveriesWithinEightyColumns() {
        Result r = cli("run", SEED, "--format", "text");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains(">> #DB at fep_sti_start (0x40100b) dr6=0xffff4ff0 [BS]")
                .contains(">> IRQ 0xaa at fep_sti_start").contains(">> #DB at fep_sti_end");
        assertThat(r.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void checkPassesTheLibraryAndCountsItsExpectations() {
        Result r = cli("check", "src/main/resources/scenarios");
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).containsPattern("(?m)^\\d+ passed, 0 failed$").doesNotContainPattern("(?m)^\\s*FAIL ");
    }

    @Test
    void checkExitsOneWhenAnExpectationFails() throws IOException {
        String wrong = Files.readString(Path.of(SEED)).replace("dr6: 0xffff4ff0", "dr6: 0xffff0ff0");
        Path f = dir.resolve("wrong.yaml");
        Files.writeString(f, wrong);
        Result r = cli("check", f.toString());
        assertThat(r.status()).isEqualTo(Cli.EXPECTATION_FAILED);
        assertThat(r.out()).contains("FAIL db at fep_sti_start dr6=0xffff0ff0").contains("2 failed");
    }

    @Test
    void anInvalidScenarioExitsTwoWithEveryErrorLocated() throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "format: 1\ntitle: t\ncpu: {rflagz: 0x2}\nprogram: |\n  nop\n  rdpid\n  hlt\n");
        Result r = cli("run", f.toString());
        assertThat(r.status()).isEqualTo(Cli.INVALID_INPUT);
        assertThat(r.err()).contains(f + ":3:").contains("cpu.rflagz");
    }

    @Test
    void anAssemblyErrorIsReportedAtItsFileLine() throws IOException {
        Path f = dir.resolve("asm.yaml");
        Files.writeString(f, "format: 1\ntitle: t\nprogram: |\n  nop\n  rdpid\n  hlt\n");
        Result r = cli("run", f.toString());
        assertThat(r.status()).isEqualTo(Cli.INVALID_INPUT);
        assertThat(r.err()).contains(f + ":5").contains("rdpid");
    }

    @Test
    void aMissingFileAndABadOptionAreUsageErrors() {
        assertThat(cli("run", dir.resolve("none.yaml").toString()).err()).contains("no such file");
        Result r = cli("run", SEED, "--format", "xml");
        assertThat(r.status()).isEqualTo(Cli.INVALID_INPUT);
        assertThat(r.err()).contains("unknown format 'xml'");
        assertThat(cli("check").status()).isEqualTo(Cli.INVALID_INPUT);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(cli("help").out()).contains("run FILE").contains("check [--suggest] FILE").contains("bench");
    }

    static final String NO_EOI = "src/main/resources/scenarios/debug-regs-sti-bare-metal-no-eoi.yaml";

    @Test
    void runWritesTheFindingsIntoTheJson() {
        JsonNode findings = JsonMapper.builder().build().readTree(cli("run", NO_EOI).out()).get("findings");
        assertThat(findings.findValuesAsString("kind")).contains("missing_eoi", "in_service_at_end", "db_in_shadow");
    }

    @Test
    void checkPrintsTheFindingsAndWarningsLeaveTheExitStatusAlone() {
        Result r = cli("check", NO_EOI);
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).containsPattern("(?m)^  WARN missing_eoi \\(step \\d+\\): The IRQ 0xaa handler returns")
                .contains("  INFO db_in_shadow (step 4): Teaching note:")
                .contains("findings: 2 warnings, 3 info");
    }

    @Test
    void checkDoesNotRepeatAFailedItemAsAFinding() throws IOException {
        Path f = dir.resolve("wrong.yaml");
        Files.writeString(f, Files.readString(Path.of(SEED)).replace("dr6: 0xffff4ff0", "dr6: 0xffff0ff0"));
        Result r = cli("check", f.toString());
        assertThat(r.out()).contains("FAIL db at fep_sti_start").doesNotContain("expect_unmatched")
                .contains("findings: 2 warnings,");
    }

    @Test
    void checkSuggestPrintsABlockThatMakesTheFileCheckItself() throws IOException {
        String seed = Files.readString(Path.of(SEED));
        Path f = dir.resolve("bare.yaml");
        Files.writeString(f, seed.substring(0, seed.indexOf("\nexpect:") + 1));
        Result r = cli("check", "--suggest", f.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("(no expect block: nothing to check")
                .contains("# suggested expect block for " + f)
                .contains("expect:\n  - db: {at: fep_sti_start, dr6: 0xffff4ff0}\n  - irq: {vector: 0xaa, at: fep_sti_start}\n");
        String out = r.out();
        String block = out.substring(out.indexOf("# suggested"), out.indexOf("  - outcome: completed\n") + 23);
        Files.writeString(f, Files.readString(f) + block);
        Result again = cli("check", f.toString());
        assertThat(again.status()).isZero();
        assertThat(again.out()).contains("6 passed, 0 failed").doesNotContain("no expect block");
    }

    @Test
    void checkWithoutSuggestPointsToIt() throws IOException {
        String seed = Files.readString(Path.of(SEED));
        Path f = dir.resolve("bare.yaml");
        Files.writeString(f, seed.substring(0, seed.indexOf("\nexpect:") + 1));
        assertThat(cli("check", f.toString()).out()).contains("check --suggest prints one this run satisfies")
                .doesNotContain("# suggested");
    }

    @Test
    void anUnknownCheckOptionNamesTheOneThereIs() {
        Result r = cli("check", "--suggets", SEED);
        assertThat(r.status()).isEqualTo(Cli.INVALID_INPUT);
        assertThat(r.err()).contains("unknown option '--suggets' for check; the option is --suggest");
    }
}
