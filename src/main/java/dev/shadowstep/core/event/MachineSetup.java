package dev.shadowstep.core.event;

import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Memory;
import java.util.List;

/**
 * Everything a run starts from.
 *
 * @param imageBase   where the program image is mapped (0x401000)
 * @param image       code followed by data
 * @param initial     the CPU state before the first step
 * @param idt         the implicit IDT
 * @param hostActions what the host does, each once
 * @param maxSteps    the step budget (trace steps: instructions, deliveries and host actions)
 */
public record MachineSetup(long imageBase, byte[] image, CpuState initial, Idt idt,
                           List<HostAction> hostActions, int maxSteps) {

    /** The stack pointer a CPL 0 program starts with: the top of the 16 KiB stack. */
    public static final long KERNEL_RSP = Memory.STACK_TOP;
    /**
     * The stack pointer a CPL 3 program starts with: the user stack is 0x7fc000-0x7fe000, the
     * upper 8 KiB (up to RSP0 = 0x800000) is the kernel stack events switch to.
     */
    public static final long USER_RSP = Memory.STACK_TOP - 0x2000;

    public MachineSetup {
        if (image == null || initial == null || idt == null) throw new IllegalArgumentException("image, initial state and IDT are required");
        if (maxSteps < 1) throw new IllegalArgumentException("max_steps must be at least 1, got " + maxSteps);
        image = image.clone();
        hostActions = List.copyOf(hostActions);
    }
}
