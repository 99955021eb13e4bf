package dev.shadowstep.web.library;

import java.util.List;
import java.util.Locale;

/** The library's groups, in the order the page shows them: the course first. */
public enum Topic {
    COURSE("Start here", "A course of twelve lessons, from what an interrupt shadow is to the debug_regs.c fixes"),
    SHADOWS("Interrupt shadows", "STI and MOV SS: what they hold, for how long, and what they do not"),
    DEBUG("Debug registers and #DB", "Single-step, DR6, instruction and data breakpoints, ICEBP, INT3, DR7.GD"),
    INTERRUPTS("Interrupts and NMI", "IRQ priority and EOI, NMI blocking, HLT and its wake-ups"),
    VMX("VMX entry checks", "The guest-state checks of a VM entry, and the pending debug exceptions they read"),
    KVM("KVM and debug_regs.c", "KVM's debug_regs.c selftest, its sub-tests and the two fixes");

    private final String title;
    private final String description;

    Topic(String title, String description) {
        this.title = title;
        this.description = description;
    }

    public String title() { return title; }

    public String description() { return description; }

    /** The topic's name in a URL: {@code ?topic=shadows}. */
    public String slug() { return name().toLowerCase(Locale.ROOT); }

    /** Returns the topic a {@code ?topic=} value names, or null. */
    public static Topic fromSlug(String slug) {
        for (Topic t : values()) {
            if (t.slug().equals(slug)) return t;
        }
        return null;
    }

    /**
     * Returns the topic of a scenario from what its run does (its {@link RunTags}): a lesson is the
     * course's; a run KVM takes part in is KVM's; a run of VM entries alone is VMX's; then a run
     * with a shadow, one with a debug exception, and one with interrupts alone.
     */
    static Topic of(List<String> tags, boolean lesson) {
        if (lesson) return COURSE;
        if (tags.contains("KVM")) return KVM;
        if (tags.contains("VMX")) return VMX;
        if (tags.contains("STI shadow") || tags.contains("MOV SS")) return SHADOWS;
        if (tags.contains("DR6") || tags.contains("INT3") || tags.contains("GD") || tags.contains("single-step")) return DEBUG;
        if (tags.contains("IRQ") || tags.contains("NMI") || tags.contains("HLT")) return INTERRUPTS;
        return DEBUG;
    }
}
