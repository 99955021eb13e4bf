package dev.shadowstep.trace;

/**
 * The timeline's lanes: which piece of a step's state each shows, with its short name and a title
 * saying what it is (SDM names). The browser reads them from {@code /api/vocabulary.json}; the
 * lanes' values are worked out there, from the step JSON fields this trace format defines.
 */
public enum Lane {
    RUNS("runs", "runs", "who runs", "Who executes the step: the host (KVM), L1 or L2"),
    TF("flags", "tf", "TF", "RFLAGS.TF, the trap flag"),
    IF("flags", "if", "IF", "RFLAGS.IF, interrupts enabled"),
    RF("flags", "rf", "RF", "RFLAGS.RF, resume flag"),
    STI("shadow", "sti", "STI shadow", "Blocking by STI"),
    MOV_SS("shadow", "movss", "MOV SS shadow", "Blocking by MOV SS"),
    B0("dr6", "b0", "DR6.B0", "DR6 bit 0: breakpoint 0 hit"),
    B1("dr6", "b1", "DR6.B1", "DR6 bit 1: breakpoint 1 hit"),
    B2("dr6", "b2", "DR6.B2", "DR6 bit 2: breakpoint 2 hit"),
    B3("dr6", "b3", "DR6.B3", "DR6 bit 3: breakpoint 3 hit"),
    BD("dr6", "bd", "DR6.BD", "DR6 bit 13: debug-register access detected"),
    BS("dr6", "bs", "DR6.BS", "DR6 bit 14: single step"),
    BT("dr6", "bt", "DR6.BT", "DR6 bit 15: task switch"),
    PENDING("pending", "pending", "pending #DB", "A debug trap recognised but not yet delivered"),
    HELD("held", "held", "held", "Events waiting at this boundary, and what holds them"),
    IRR("apic", "irr", "IRR", "Interrupt requests pending in the local APIC"),
    ISR("apic", "isr", "ISR", "Interrupts in service"),
    NMI("flags", "nmi", "NMI blocked", "NMIs blocked until the next IRET"),
    HOST("vmx", "host", "host", "The step happens in the host, not the guest"),
    VMCS_INT("vmx", "vmcs-int", "VMCS intr.", "Guest interruptibility state"),
    VMCS_PDBG("vmx", "vmcs-pdbg", "VMCS pend. dbg", "Guest pending debug exceptions"),
    VMCS_ACT("vmx", "vmcs-act", "VMCS activity", "Guest activity state"),
    VMCS_ENTRY("vmx", "vmcs-entry", "VMCS entry intr.", "VM-entry interruption information");

    private final String group, id, label, title;

    Lane(String group, String id, String label, String title) {
        this.group = group;
        this.id = id;
        this.label = label;
        this.title = title;
    }

    /** The lane's id in the page's URL ({@code lanes=tf,if}): tf, movss, vmcs-int, ... */
    public String id() { return id; }

    /** The colour group: runs, flags, shadow, dr6, pending, held, apic, vmx. */
    public String group() { return group; }

    /** The short name at the lane's left. */
    public String label() { return label; }

    /** What the lane shows, in words. */
    public String title() { return title; }

    /** Whether the lane exists only under a hypervisor (the steps carry state.vmcs). */
    public boolean vmx() { return group.equals("vmx"); }

    /** The shadow names of {@code state.shadow}: none, STI, MOV SS. */
    public static String shadowName(State.Shadow shadow) {
        return switch (shadow) {
            case NONE -> "none";
            case STI -> "STI";
            case MOV_SS -> "MOV SS";
        };
    }
}
