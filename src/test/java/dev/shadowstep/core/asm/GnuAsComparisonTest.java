package dev.shadowstep.core.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every program under src/test/resources/asm and every scenario's program assembles to the
 * same bytes and label addresses as binutils ({@code as --64}, {@code ld -Ttext=0x401000}).
 * Skipped only where {@code as} is not installed.
 */
class GnuAsComparisonTest {
    private static final List<Path> SCENARIO_ROOTS = List.of(
            Path.of("src/main/resources/scenarios"), Path.of("src/test/resources/scenarios"));

    record Source(String name, String program, List<DataCell> data) {}

    @TestFactory
    Stream<DynamicTest> everyProgramAssemblesLikeGnuAs() throws IOException {
        assumeTrue(GnuAs.available(), "GNU as is not installed");
        return sources().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> compare(s)));
    }

    private static void compare(Source s) throws Exception {
        Path dir = Files.createTempDirectory("shadowstep-as");
        try {
            GnuAs.Result gnu = GnuAs.assemble(GnuAs.source(s.program(), s.data()), dir);
            Program ours;
            try {
                ours = Assembler.assemble(s.program(), s.data());
            } catch (AssemblyException e) {
                if (gnu.failed()) return;             // an intentionally broken program: both refuse it
                fail("shadowstep rejects what GNU as accepts:\n" + e.getMessage());
                return;
            }
            if (gnu.failed()) fail("GNU as rejects what shadowstep accepts:\n" + gnu.errors());
            for (Program.Line line : ours.listing()) {
                int offset = (int) (line.address() - ours.base());
                byte[] expected = java.util.Arrays.copyOfRange(gnu.image(), offset, Math.min(offset + line.bytes().length, gnu.image().length));
                assertThat(InstructionEncodingTest.hex(line.bytes()))
                        .as("line %d at 0x%x: %s", line.line(), line.address(), line.text())
                        .isEqualTo(InstructionEncodingTest.hex(expected));
            }
            assertThat(InstructionEncodingTest.hex(ours.image())).isEqualTo(InstructionEncodingTest.hex(gnu.image()));
            for (Map.Entry<String, Long> label : gnu.labels().entrySet()) {
                assertThat(ours.symbols().get(label.getKey())).as("address of %s", label.getKey()).isEqualTo(label.getValue());
            }
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) Files.delete(f);
            }
            Files.delete(dir);
        }
    }

    static List<Source> sources() throws IOException {
        List<Source> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/asm"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".s")).sorted().toList()) {
                out.add(new Source("asm/" + f.getFileName(), Files.readString(f), List.of()));
            }
        }
        for (Path root : SCENARIO_ROOTS) {
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(GnuAsComparisonTest::isScenario).sorted().toList()) {
                    Source s = scenario(f);
                    if (s != null) out.add(s);
                }
            }
        }
        return out;
    }

    private static boolean isScenario(Path p) {
        String name = p.toString().replace('\\', '/');
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && !name.contains("/invalid/");
    }

    private static Source scenario(Path file) throws IOException {
        JsonNode root = new YAMLMapper().readTree(file.toFile());
        if (root == null || !root.isObject() || !root.path("program").isString()) return null;
        List<DataCell> data = new ArrayList<>();
        JsonNode cells = root.path("data");
        for (Map.Entry<String, JsonNode> cell : cells.properties()) {
            List<Long> values = new ArrayList<>();
            if (cell.getValue().isArray()) cell.getValue().forEach(v -> values.add(number(v)));
            else values.add(number(cell.getValue()));
            data.add(new DataCell(cell.getKey(), values));
        }
        return new Source(file.toString(), root.path("program").asString(), data);
    }

    private static long number(JsonNode v) {
        if (v.isNumber()) return v.longValue();
        String s = v.asString().trim().toLowerCase();
        return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
    }
}
