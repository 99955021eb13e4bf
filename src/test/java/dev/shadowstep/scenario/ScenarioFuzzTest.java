package dev.shadowstep.scenario;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Random damage to a valid scenario must give a scenario or a ScenarioException, nothing else. */
class ScenarioFuzzTest {

    private static final int MUTANTS = 4000;
    private static final String NASTY = "\t\n:-{}[],'\"#&*!|>%@`\\0x\u0000\u00e9";

    @Test
    void mutatedScenariosOnlyEverThrowScenarioException() {
        String example = ScenarioFiles.example();
        Random random = new Random(0x5eed);
        int rejected = 0;
        for (int i = 0; i < MUTANTS; i++) {
            String mutant = mutate(example, random);
            try {
                ScenarioLoader.load(mutant);
            } catch (ScenarioException e) {
                rejected++;
                assertThat(e.errors()).isNotEmpty();
                assertThat(e.errors()).allSatisfy(err -> {
                    assertThat(err.message()).isNotBlank().doesNotContain("internal error");
                    assertThat(err.line()).isBetween(0, (int) mutant.lines().count() + 1);
                });
            } catch (Throwable t) {
                fail("mutant " + i + " threw " + t + " for:\n" + mutant, t);
            }
        }
        // The mutations must actually reach the validator, not just pass through unharmed.
        assertThat(rejected).isGreaterThan(MUTANTS / 4);
    }

    @Test
    void pathologicalTextsAreReportedAsScenarioErrors() {
        String valid = "format: 1\ntitle: t\nprogram: hlt\n";
        List<String> texts = List.of(
                "[".repeat(5000), "{".repeat(3000) + "}".repeat(3000), "a: " + "[".repeat(2000),
                "format: " + "9".repeat(5000) + "\n", "\uFEFF" + valid + "cpu: {rax: 0x" + "f".repeat(40) + "}\n",
                "\u0000", "\t", "---\n...\n", "%YAML 1.2\n---\n" + valid + "cpu: 1\n", "&a [*a]", "? [a]\n: b\n",
                valid + "summary: !!binary aGk=\n", valid + "limits: {max_steps: !!float 1}\n",
                valid + "cpu: &c {rax: 1}\napic: *c\n", "{\"format\": 1, \"title\": ", "\"just a string\"",
                "42", "null", "- - - -", valid + "expect: [{}, [], null, {db: [1]}, {outcome: {a: b}}]\n",
                valid + "idt: {'': x, ' ': y}\n", valid + "host: [{at: '', raise_irq: ''}]\n",
                valid + "data: {a: [[1]], b: {c: 1}, c: ~, d: .nan}\n", "\uD800\uDC00: \uDBFF");
        for (String text : texts) {
            Scenario accepted = null;
            try {
                accepted = ScenarioLoader.load(text);
            } catch (ScenarioException e) {
                assertThat(e.errors()).isNotEmpty().allSatisfy(err ->
                        assertThat(err.message()).doesNotContain("internal error"));
            } catch (Throwable t) {
                fail("threw " + t + " for: " + text.substring(0, Math.min(80, text.length())), t);
            }
            assertThat(accepted).as("accepted: %s", text).isNull();
        }
    }

    @Test
    void aByteOrderMarkAndAYamlDirectiveAreAccepted() {
        String valid = "format: 1\ntitle: t\nprogram: hlt\n";
        assertThat(ScenarioLoader.load("\uFEFF" + valid).title()).isEqualTo("t");
        assertThat(ScenarioLoader.load("%YAML 1.2\n---\n" + valid).programLine()).isEqualTo(5);
    }

    private static String mutate(String text, Random random) {
        String out = text;
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            out = switch (random.nextInt(5)) {
                case 0 -> deleteChars(out, random);
                case 1 -> duplicateChars(out, random);
                case 2 -> swapLines(out, random);
                case 3 -> insertNasty(out, random);
                default -> duplicateLine(out, random);
            };
        }
        return out;
    }

    private static String deleteChars(String s, Random r) {
        if (s.isEmpty()) return s;
        int at = r.nextInt(s.length());
        return s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + r.nextInt(3)));
    }

    private static String duplicateChars(String s, Random r) {
        if (s.isEmpty()) return s;
        int at = r.nextInt(s.length());
        int end = Math.min(s.length(), at + 1 + r.nextInt(4));
        return s.substring(0, end) + s.substring(at, end) + s.substring(end);
    }

    private static String insertNasty(String s, Random r) {
        int at = r.nextInt(s.length() + 1);
        return s.substring(0, at) + NASTY.charAt(r.nextInt(NASTY.length())) + s.substring(at);
    }

    private static String swapLines(String s, Random r) {
        List<String> lines = new ArrayList<>(s.lines().toList());
        if (lines.size() < 2) return s;
        Collections.swap(lines, r.nextInt(lines.size()), r.nextInt(lines.size()));
        return String.join("\n", lines) + "\n";
    }

    private static String duplicateLine(String s, Random r) {
        List<String> lines = new ArrayList<>(s.lines().toList());
        if (lines.isEmpty()) return s;
        int at = r.nextInt(lines.size());
        lines.add(at, lines.get(at));
        return String.join("\n", lines) + "\n";
    }
}
