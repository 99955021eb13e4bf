package dev.shadowstep.scenario;

import java.util.List;
import java.util.Map;

/** Converts the root node into a {@link Scenario}, section by section, collecting every error. */
final class ScenarioReader {

    static final List<String> KEYS = List.of("format", "title", "summary", "program", "data", "cpu", "apic",
            "idt", "hypervisor", "host", "expect", "limits", "lesson", "questions");

    private ScenarioReader() {}

    /** Returns the scenario, or null when any error was reported. */
    static Scenario read(Node root, String text, Errors errors) {
        int before = errors.size();
        Fields top = Fields.of(root, "", errors, KEYS);
        if (top == null) return null;
        Integer format = format(top);
        String title = title(top);
        String summary = optional(top, "summary", n -> Values.text(n, "summary", errors), "");
        String program = program(top);
        int programLine = program == null ? 0 : programLine(top, text);
        Map<String, List<Long>> data = optional(top, "data", n -> DataReader.read(n, "data", errors), Map.of());
        CpuSetup cpu = optional(top, "cpu", n -> CpuReader.read(n, "cpu", errors), CpuSetup.DEFAULT);
        ApicSetup apic = optional(top, "apic", n -> ApicReader.read(n, "apic", errors), ApicSetup.DEFAULT);
        Map<Integer, IdtEntry> idt = optional(top, "idt", n -> IdtReader.read(n, "idt", errors), Map.of());
        Hypervisor hypervisor = optional(top, "hypervisor", n -> HypervisorReader.read(n, "hypervisor", errors), null);
        HostReader.Platform platform = !top.has("hypervisor") ? HostReader.Platform.BARE_OR_VMX : hypervisor == null
                ? HostReader.Platform.UNKNOWN : hypervisor.kind() == Hypervisor.Kind.KVM_VMX ? HostReader.Platform.KVM
                : HostReader.Platform.BARE_OR_VMX;
        List<HostAction> host = optional(top, "host", n -> HostReader.read(n, "host", errors, platform), List.of());
        List<ExpectItem> expect = optional(top, "expect", n -> ExpectReader.read(n, "expect", errors), List.of());
        Limits limits = optional(top, "limits", n -> limits(n, errors), Limits.DEFAULT);
        int expectItems = expect == null ? -1 : expect.size();
        Lesson lesson = optional(top, "lesson", n -> LessonReader.lesson(n, "lesson", errors, expectItems), null);
        List<Question> questions = optional(top, "questions",
                n -> LessonReader.questions(n, "questions", errors, expectItems), List.of());
        LessonReader.checkSummaryPoints(summary, top.get("summary"), lesson, errors);
        checkXapicUnderKvm(top, apic, hypervisor, errors);
        if (errors.size() > before) return null;
        return new Scenario(format, title, summary.stripTrailing(), program, programLine, data, cpu, apic, idt,
                hypervisor, host, expect, limits, lesson, questions);
    }

    /**
     * {@code apic.mode: xapic} is refused under {@code kind: kvm-vmx}: there the xAPIC page would be an
     * APIC-access VM exit (or an EPT violation) that KVM emulates (apic_mmio_read / apic_mmio_write in
     * arch/x86/kvm/lapic.c), which this model does not have. The x2APIC MSRs are modelled under KVM.
     */
    private static void checkXapicUnderKvm(Fields top, ApicSetup apic, Hypervisor hypervisor, Errors errors) {
        if (apic == null || apic.x2apic() || hypervisor == null || hypervisor.kind() != Hypervisor.Kind.KVM_VMX) return;
        Node mode = top.get("apic").path("mode");
        errors.add("apic.mode", mode.location(), "mode: xapic is not modelled under hypervisor kind: kvm-vmx: the xAPIC "
                + "page would be an APIC-access VM exit that KVM emulates (apic_mmio_write in arch/x86/kvm/lapic.c), which "
                + "shadowstep does not model; use mode: x2apic (the x2APIC MSRs and the timer are modelled under KVM) or run "
                + "on bare metal");
    }

    private static <T> T optional(Fields fields, String key, java.util.function.Function<Node, T> reader, T absent) {
        Node node = fields.get(key);
        return node == null ? absent : reader.apply(node);
    }

    private static Integer format(Fields top) {
        Node node = top.require("format", "format: 1");
        if (node == null) return null;
        Errors errors = top.errors();
        Long format = Values.integer(node, "format", errors, IntRange.of(0, Integer.MAX_VALUE, "a format version"));
        if (format != null && format != Scenario.FORMAT) {
            errors.add("format", node.location(), "format " + format + " is not supported: this version of "
                    + "shadowstep reads format 1; write format: 1 (a newer file needs a newer shadowstep)");
            return null;
        }
        return format == null ? null : format.intValue();
    }

    private static String title(Fields top) {
        Node node = top.require("title", "title: \"Single-step #DB in an STI shadow\"");
        String title = node == null ? null : Values.text(node, "title", top.errors());
        if (title == null) return null;
        title = title.strip();
        if (title.isEmpty() || title.contains("\n")) {
            top.errors().add("title", node.location(), (title.isEmpty() ? "the title is empty" : "the title has "
                    + "several lines") + "; write one line, it is shown in lists and link previews");
            return null;
        }
        return title;
    }

    private static String program(Fields top) {
        Node node = top.require("program", "program: |  followed by the guest code, indented");
        String program = node == null ? null : Values.text(node, "program", top.errors());
        if (program != null && program.isBlank()) {
            top.errors().add("program", node.location(), "the program is empty; write the guest code (GNU as, "
                    + "AT&T syntax) under program: |");
            return null;
        }
        return program;
    }

    /** A block scalar ({@code |} or {@code >}) starts on the line after its indicator; other styles on the key's line. */
    private static int programLine(Fields top, String text) {
        Node.Location at = top.get("program").location();
        List<String> lines = text.lines().toList();
        if (at.line() >= 1 && at.line() <= lines.size()) {
            String line = lines.get(at.line() - 1);
            int column = at.column() - 1;
            if (column >= 0 && column < line.length() && (line.charAt(column) == '|' || line.charAt(column) == '>')) {
                return at.line() + 1;
            }
        }
        return top.keyLocation("program").line();
    }

    private static Limits limits(Node node, Errors errors) {
        Fields fields = Fields.of(node, "limits", errors, List.of("max_steps"));
        if (fields == null || !fields.has("max_steps")) return Limits.DEFAULT;
        Integer max = Values.smallInt(fields.get("max_steps"), "limits.max_steps", errors,
                IntRange.of(1, Limits.MAX_MAX_STEPS, "max_steps"));
        return max == null ? null : new Limits(max);
    }
}
