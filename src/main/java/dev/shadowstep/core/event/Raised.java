package dev.shadowstep.core.event;

import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.ExecResult;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.cpu.Shadow;

/** Turns what an instruction raised into the {@link Interruption} to deliver, with its why. */
final class Raised {
    private Raised() {}

    /** A fault: RIP is the faulting instruction; non-#DB faults push RF=1; MOV DR with GD is a #DB fault with BD. */
    static Interruption fromFault(CpuState s, CpuFault f) {
        if (f.vector() == CpuFault.DB) {
            String merged = s.pendingDb() != 0
                    ? " The " + Dr6.describe(s.pendingDb()) + " trap held by the MOV SS shadow is discarded by this delivery "
                    + "(kvm-unit-tests singlestep_with_movss_blocking_and_dr7_gd sees DR6 = BD only)." : "";
            String shadow = s.shadow() == Shadow.MOV_SS ? " General detect is not blocked by the MOV SS shadow (KUT debug.c)." : "";
            return new Interruption(Interruption.Source.GENERAL_DETECT, 1, -1, s.rip(), Dr6.BD, 0, f.reason() + shadow + merged);
        }
        int code = Vectors.hasErrorCode(f.vector()) ? Math.max(0, f.errorCode()) : -1;
        return new Interruption(Interruption.Source.FAULT, f.vector(), code, s.rip(), 0, f.address(),
                f.reason() + " Faults push RFLAGS with RF=1 so the instruction can restart (SDM 6.12.1.3).");
    }

    /** INT n, INT3 or ICEBP: a trap with RIP after the instruction. */
    static Interruption fromSoftwareInterrupt(CpuState s, ExecResult.SoftwareInterrupt si) {
        String held = s.pendingDb() != 0
                ? " The " + Dr6.describe(s.pendingDb()) + " trap held by the MOV SS shadow stays pending and arrives before "
                + "the handler's first instruction (SDM 6.8.3; KUT debug.c MOV SS + watchpoint + INT3)." : "";
        String tf = s.flag(Rflags.TF) ? " It clears TF on delivery, so no single-step trap follows it." : "";
        return switch (si.kind()) {
            case INT_N -> new Interruption(Interruption.Source.INT_N, si.vector(), -1, si.nextRip(), 0, 0,
                    "INT 0x" + Integer.toHexString(si.vector()) + " is a software interrupt through that IDT vector, pushing the "
                    + "RIP after it (SDM INT n)" + (si.vector() == 1 ? "; it is not a debug exception, so DR6 is unchanged." : ".")
                    + tf + held);
            case INT3 -> new Interruption(Interruption.Source.INT3, CpuFault.BP, -1, si.nextRip(), 0, 0,
                    "INT3 raises #BP, a trap: the pushed RIP is after the int3 (SDM INT3)." + tf + held);
            case ICEBP -> new Interruption(Interruption.Source.ICEBP, CpuFault.DB, -1, si.nextRip(), 0, 0,
                    "ICEBP (INT1) raises a trap-like #DB with no cause bit: B0-B3 are cleared, BD/BS/BT kept (SDM Table 19-2; "
                    + "KUT debug.c)" + (s.flag(Rflags.TF) ? "; it has priority over single-step, so DR6.BS is not set" : "")
                    + (s.shadow() == Shadow.MOV_SS ? "; the MOV SS shadow does not hold it" : "") + "."
                    + (s.pendingDb() != 0 ? " The held " + Dr6.describe(s.pendingDb()) + " trap is absorbed into this #DB." : ""));
        };
    }
}
