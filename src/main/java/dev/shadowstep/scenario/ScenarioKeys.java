package dev.shadowstep.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys each section of a scenario may have, read from the readers that enforce them (the
 * editor completes them; the readers report any other key). Sections are named by key path;
 * {@code expect} lists the event kinds and {@code expect.KIND} the fields each may check.
 */
public final class ScenarioKeys {

    private static final Map<String, List<String>> ALL = build();

    private ScenarioKeys() {}

    /** Returns the allowed keys by section: "" is the top level. */
    public static Map<String, List<String>> all() {
        return ALL;
    }

    private static Map<String, List<String>> build() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("", ScenarioReader.KEYS);
        m.put("cpu", CpuReader.KEYS);
        m.put("apic", ApicReader.KEYS);
        m.put("apic.timer", ApicTimerReader.KEYS);
        m.put("idt.*", IdtReader.ENTRY_KEYS);
        m.put("hypervisor", HypervisorReader.KEYS);
        m.put("hypervisor.fixes", HypervisorReader.FIX_KEYS);
        m.put("hypervisor.debugregs", HypervisorReader.DEBUGREG_KEYS);
        m.put("hypervisor.vmcs", VmcsReader.KEYS);
        m.put("host", HostReader.KEYS);
        m.put("host.set_regs", RegisterEffectReader.SET_REGS_KEYS);
        m.put("host.set_debugregs", RegisterEffectReader.SET_DEBUGREGS_KEYS);
        m.put("host.on_exit", PhaseReader.ON_EXIT_KEYS);
        m.put("host.set_guest_debug", PhaseReader.SET_GUEST_DEBUG_KEYS);
        m.put("limits", List.of("max_steps"));
        m.put("lesson", LessonReader.LESSON_KEYS);
        m.put("lesson.points", LessonReader.STEP_KEYS);
        m.put("questions", LessonReader.QUESTION_KEYS);
        m.put("questions.reveal", LessonReader.STEP_KEYS);
        List<String> kinds = new ArrayList<>();
        for (var e : ExpectReader.FIELDS.entrySet()) {
            kinds.add(e.getKey().wireName());
            m.put("expect." + e.getKey().wireName(), e.getValue());
        }
        kinds.add("outcome");
        m.put("expect", List.copyOf(kinds));
        return java.util.Collections.unmodifiableMap(m);
    }
}
