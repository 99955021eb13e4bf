package dev.shadowstep.trace;

/**
 * Who executes a step ({@code runs} in a step's JSON): the host (KVM, L0), the guest it runs
 * (L1: under a hypervisor the VM, on bare metal the program on the CPU itself), or the guest
 * that L1 runs through nested VMX (L2). The browser reads the names, letters and colours from
 * {@code /api/vocabulary.json} (the timeline's "who runs" lane); colours are pairs for the light
 * and the dark theme, calm enough for the theme's text colour to read on them.
 */
public enum Runner {
    HOST("host", "H", "The host runs the step: KVM (L0) handling a VM exit, entering the guest, or an exit to userspace",
            "#d5dbe4", "#39414c"),
    L1("L1", "1", "The guest runs the step (L1: the VM KVM runs; on bare metal, the program itself)",
            "#d3e8dc", "#23443a"),
    L2("L2", "2", "The nested guest runs the step (L2: the VM that L1 runs through VMX)",
            "#ebdfc7", "#4a3e27");

    private final String label, letter, title, light, dark;

    Runner(String label, String letter, String title, String light, String dark) {
        this.label = label;
        this.letter = letter;
        this.title = title;
        this.light = light;
        this.dark = dark;
    }

    /** Returns the runner of a step that does not name one (traces written before {@code runs}): host steps run in the host, guest steps in L1. */
    public static Runner of(Step.Where where) {
        return where == Step.Where.HOST ? HOST : L1;
    }

    /** The wire name: host, l1, l2. */
    public String id() { return WireNames.of(this); }

    /** The name on the timeline band: host, L1, L2. */
    public String label() { return label; }

    /** The one-letter form, for a band too narrow for the name. */
    public String letter() { return letter; }

    /** What it means, in words. */
    public String title() { return title; }

    /** The band's colour in the light theme ({@code #rrggbb}). */
    public String light() { return light; }

    /** The band's colour in the dark theme ({@code #rrggbb}). */
    public String dark() { return dark; }
}
