package dev.shadowstep.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Derives a scenario's tags from what it contains (its program, cpu, apic, host and
 * hypervisor sections), so the library never depends on authors tagging by hand. Reads the
 * located node tree ({@link ScenarioDocument#tags()}), so a text that does not load still gets tags.
 */
final class ScenarioTags {

    /** RFLAGS.TF, SDM Vol. 1, 3.4.3.3. */
    private static final long TF = 0x100;
    /** DR7.GD, SDM Vol. 3B, 19.2.4. */
    private static final long DR7_GD = 1L << 13;
    private static final Pattern LABEL = Pattern.compile("^[A-Za-z_.$][\\w.$]*:\\s*");

    private ScenarioTags() {}

    /** Returns the tags for a parsed scenario file, in a fixed order. */
    static List<String> derive(Node scenario) {
        List<String[]> statements = statements(scenario.path("program").asString(""));
        Node cpu = scenario.path("cpu");
        Node hypervisor = scenario.path("hypervisor");
        String shadow = cpu.path("shadow").asString("");
        Set<String> tags = new LinkedHashSet<>();
        if (hasMnemonic(statements, "sti") || shadow.equals("sti")) {
            tags.add("STI shadow");
        }
        if (statements.stream().anyMatch(ScenarioTags::loadsSs) || shadow.equals("mov_ss")) {
            tags.add("MOV SS");
        }
        String program = scenario.path("program").asString("").toLowerCase(Locale.ROOT);
        if (program.contains("x86_eflags_tf") || (number(cpu.path("rflags")) & TF) != 0
                || listContains(hypervisor.path("guest_debug"), "SINGLESTEP")) {
            tags.add("single-step");
        }
        List<Long> dr7s = List.of(number(cpu.path("dr7")), number(hypervisor.path("debugregs").path("dr7")));
        if (dr7s.stream().anyMatch(dr7 -> enabledBreakpoint(dr7, true))) {
            tags.add("data breakpoint");
        }
        if (dr7s.stream().anyMatch(dr7 -> enabledBreakpoint(dr7, false))) {
            tags.add("instruction breakpoint");
        }
        if (program.contains("dr7_gd") || dr7s.stream().anyMatch(dr7 -> (dr7 & DR7_GD) != 0)) {
            tags.add("GD");
        }
        if (hasMnemonic(statements, "icebp") || hasMnemonic(statements, "int1")
                || statements.stream().anyMatch(s -> s[0].equals(".byte") && s.length > 1 && s[1].startsWith("0xf1"))) {
            tags.add("ICEBP");
        }
        if (hasMnemonic(statements, "int3") || listContains(hypervisor.path("guest_debug"), "USE_SW_BP")) {
            tags.add("INT3");
        }
        if (!scenario.path("apic").path("irr").isEmpty() || anyHostAction(scenario, "raise_irq")) {
            tags.add("IRQ");
        }
        if (anyHostAction(scenario, "raise_nmi") || expects(scenario, "nmi")) {
            tags.add("NMI");
        }
        if (haltIsTheTopic(scenario, statements)) {
            tags.add("HLT");
        }
        String kind = hypervisor.path("kind").asString("");
        if (kind.equals("vmx")) {
            tags.add("VMX entry check");
        }
        if (kind.equals("kvm-vmx")) {
            tags.add("KVM");
        }
        if (hypervisor.path("forced_emulation").asBoolean(false) || program.contains("kvm_fep")) {
            tags.add("forced emulation");
        }
        if (!hypervisor.path("fixes").isEmpty()) {
            tags.add("KVM fix");
        }
        if (!hypervisor.path("guest_debug").isEmpty()) {
            tags.add("guest debug");
        }
        return List.copyOf(tags);
    }

    /** Returns each statement as lower-case tokens, without comments, labels and the KVM_FEP prefix. */
    static List<String[]> statements(String program) {
        String text = program.replaceAll("/\\*(?s:.*?)\\*/", " ")
                .replace("\\n", "\n").replace("\\t", " ").replace("\"", " ")
                .toLowerCase(Locale.ROOT);
        List<String[]> result = new ArrayList<>();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String code = hash >= 0 ? line.substring(0, hash) : line;
            for (String statement : code.split(";")) {
                String s = statement.strip();
                while (true) {
                    String rest = LABEL.matcher(s).replaceFirst("");
                    rest = rest.startsWith("kvm_fep") ? rest.substring("kvm_fep".length()).strip() : rest;
                    if (rest.equals(s)) {
                        break;
                    }
                    s = rest;
                }
                if (!s.isEmpty()) {
                    result.add(s.split("[\\s,]+"));
                }
            }
        }
        return result;
    }

    private static boolean hasMnemonic(List<String[]> statements, String mnemonic) {
        return statements.stream().anyMatch(s -> s[0].equals(mnemonic));
    }

    /**
     * Returns whether halting is what the scenario is about: a host action waits for the halt, an
     * STI is followed by HLT (the idiom whose shadow covers the HLT), or the title names HLT. The
     * closing {@code cli; hlt} that ends almost every scenario is not the topic.
     */
    private static boolean haltIsTheTopic(Node scenario, List<String[]> statements) {
        if (anyHostAction(scenario, "when_halted") || scenario.path("title").asString("").contains("HLT")) {
            return true;
        }
        for (int i = 1; i < statements.size(); i++) {
            if (statements.get(i)[0].equals("hlt") && statements.get(i - 1)[0].equals("sti")) {
                return true;
            }
        }
        return false;
    }

    /** MOV to SS or POP SS: both open the MOV SS shadow (SDM Vol. 3A, 6.8.3). */
    private static boolean loadsSs(String[] s) {
        return (s[0].startsWith("mov") || s[0].startsWith("pop")) && s[s.length - 1].equals("%ss");
    }

    /** Returns whether DR7 enables a breakpoint whose R/W field is data (01, 11) or execute (00). */
    private static boolean enabledBreakpoint(long dr7, boolean data) {
        for (int i = 0; i < 4; i++) {
            boolean enabled = ((dr7 >> (2 * i)) & 3) != 0;
            long rw = (dr7 >> (16 + 4 * i)) & 3;
            if (enabled && (data ? rw == 1 || rw == 3 : rw == 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyHostAction(Node scenario, String key) {
        for (Node action : scenario.path("host").items()) {
            if (action.has(key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean expects(Node scenario, String key) {
        for (Node item : scenario.path("expect").items()) {
            if (item.has(key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean listContains(Node list, String value) {
        for (Node item : list.items()) {
            if (item.asString("").equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }

    /** Returns an integer as the format reads it (decimal or 0x hex), 0 when absent or not one. */
    static long number(Node node) {
        Long value = Values.integer(node, "", new Errors(), IntRange.ANY64);
        return value == null ? 0 : value;
    }
}
