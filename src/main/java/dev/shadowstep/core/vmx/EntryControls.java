package dev.shadowstep.core.vmx;

/**
 * The checks VMLAUNCH and VMRESUME make on the VM-execution controls, the VM-entry event injection
 * field and the host state before loading the guest (SDM Vol. 3C 26.2.1.1, 26.2.1.3, 26.2.4); a
 * failure is VMfailValid 7 or 8. The model's controls: pin-based external-interrupt exiting (bit 0), NMI
 * exiting (3), virtual NMIs (5); primary processor-based interrupt-window exiting (2), HLT exiting (7),
 * NMI-window exiting (22), MOV-DR exiting (23), unconditional I/O exiting (24). The default1 bits
 * (pin 1, 2, 4; processor-based 1, 4-6, 8, 13-16, 26) may be 0 or 1 and do nothing; any other bit set is
 * an unsupported control (monitor trap flag, secondary controls, bitmaps, TSC offsetting ...).
 */
final class EntryControls {
    private EntryControls() {}

    static final long PIN_EXTERNAL_INTERRUPT_EXITING = 1L << 0;
    static final long PIN_NMI_EXITING = 1L << 3;
    static final long PIN_VIRTUAL_NMIS = 1L << 5;
    static final long PROC_UNCONDITIONAL_IO_EXITING = 1L << 24;

    private static final long PIN_SUPPORTED = PIN_EXTERNAL_INTERRUPT_EXITING | PIN_NMI_EXITING | PIN_VIRTUAL_NMIS
            | 1L << 1 | 1L << 2 | 1L << 4;
    private static final long PROC_SUPPORTED = Vmcs.INTERRUPT_WINDOW_EXITING | Vmcs.HLT_EXITING | Vmcs.NMI_WINDOW_EXITING
            | Vmcs.MOV_DR_EXITING | PROC_UNCONDITIONAL_IO_EXITING
            | 1L << 1 | 0x70L | 1L << 8 | 0xF << 13 | 1L << 26;

    /** Returns what is wrong with the controls or the injection field, or null (VMfailValid 7). */
    static String problem(VmcsRegion r) {
        long pin = r.get(VmcsField.PIN_CONTROLS), proc = r.get(VmcsField.PROC_CONTROLS);
        if ((pin & ~PIN_SUPPORTED) != 0) {
            return String.format("pin-based controls 0x%x set bits this model does not support (0x%x)", pin, pin & ~PIN_SUPPORTED);
        }
        if ((proc & ~PROC_SUPPORTED) != 0) {
            return String.format("primary processor-based controls 0x%x set bits this model does not support (0x%x)", proc,
                    proc & ~PROC_SUPPORTED);
        }
        if ((pin & PIN_VIRTUAL_NMIS) != 0 && (pin & PIN_NMI_EXITING) == 0) return "virtual NMIs need NMI exiting (SDM 26.2.1.1)";
        if ((proc & Vmcs.NMI_WINDOW_EXITING) != 0 && (pin & PIN_VIRTUAL_NMIS) == 0) {
            return "NMI-window exiting needs virtual NMIs (SDM 26.2.1.1)";
        }
        long info = r.get(VmcsField.ENTRY_INTR_INFO);
        InterruptionInfo e = InterruptionInfo.decode(info);
        if (e.valid()) {
            if ((info & 0x7FFFF000L) != 0) return "VM-entry interruption information bits 30:12 are reserved (SDM 26.2.1.3)";
            switch (e.type()) {
                case RESERVED, OTHER_EVENT -> {
                    return "interruption type " + e.type().words() + " cannot be injected (this model has no monitor trap flag)";
                }
                case NMI -> {
                    if (e.vector() != 2) return "an injected NMI must have vector 2 (SDM 26.2.1.3)";
                }
                case HARDWARE_EXCEPTION -> {
                    if (e.vector() > 31) return "a hardware exception must have a vector 0-31 (SDM 26.2.1.3)";
                }
                default -> { }
            }
        }
        return null;
    }

    /** Returns what is wrong with the host state, or null (VMfailValid 8): HOST_RIP must be canonical (SDM 26.2.4). */
    static String hostProblem(VmcsRegion r) {
        long rip = r.get(VmcsField.HOST_RIP);
        return rip >> 47 == 0 || rip >> 47 == -1 ? null : String.format("HOST_RIP 0x%x is not canonical (SDM 26.2.4)", rip);
    }
}
