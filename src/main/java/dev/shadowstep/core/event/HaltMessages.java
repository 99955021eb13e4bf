package dev.shadowstep.core.event;

import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Rflags;

/** The outcome message of a run that ends halted. */
final class HaltMessages {
    private HaltMessages() {}

    static String completed(CpuState s) {
        StringBuilder m = new StringBuilder(String.format("The guest halted (RIP 0x%x) with IF=%d and nothing can wake it.",
                s.rip(), s.flag(Rflags.IF) ? 1 : 0));
        int v = s.apic().highestRequest();
        if (v >= 0) {
            m.append(String.format(" IRQ 0x%x stays pending: %s.", v, s.flag(Rflags.IF)
                    ? "its priority class is not above the processor priority" : "IF=0"));
        }
        if (s.nmiPending()) m.append(" An NMI stays pending: NMIs are blocked until the next IRET.");
        if (s.pendingDb() != 0) m.append(" A ").append(Dr6.describe(s.pendingDb())).append(" debug trap is still pending.");
        return m.toString();
    }
}
