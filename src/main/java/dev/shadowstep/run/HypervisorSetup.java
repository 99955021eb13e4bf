package dev.shadowstep.run;

import dev.shadowstep.core.event.Vmm;
import dev.shadowstep.core.kvm.GuestDebug;
import dev.shadowstep.core.kvm.Kvm;
import dev.shadowstep.core.kvm.KvmConfig;
import dev.shadowstep.core.vmx.BareVmx;
import dev.shadowstep.core.vmx.InterruptionInfo;
import dev.shadowstep.core.vmx.Vmcs;
import dev.shadowstep.scenario.Address;
import dev.shadowstep.scenario.Hypervisor;
import dev.shadowstep.scenario.ScenarioError;
import dev.shadowstep.scenario.ScenarioException;
import dev.shadowstep.scenario.VmcsSetup;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the VMM a scenario's {@code hypervisor} section describes. */
final class HypervisorSetup {
    private HypervisorSetup() {}

    /** Returns the VMM, or null for bare metal; throws {@link ScenarioException} for an injection VM entry cannot do. */
    static Vmm vmm(Hypervisor h, Map<String, Long> symbols) {
        if (h == null) return null;
        return switch (h.kind()) {
            case KVM_VMX -> new Kvm(kvmConfig(h, symbols));
            case VMX -> new BareVmx(vmcs(h.vmcs()));
        };
    }

    static KvmConfig kvmConfig(Hypervisor h, Map<String, Long> symbols) {
        Set<GuestDebug> flags = EnumSet.noneOf(GuestDebug.class);
        for (Hypervisor.GuestDebugFlag f : h.guestDebug()) flags.add(GuestDebug.valueOf(f.name()));
        List<Long> dr = h.debugregs().dr().stream().map((Address a) -> a.resolve(symbols)).toList();
        return new KvmConfig(h.forcedEmulation(), h.fixes().reinjectDbSetsBs(), h.fixes().emulatedDbSetsBs(), flags, dr,
                h.debugregs().dr7());
    }

    private static Vmcs vmcs(VmcsSetup v) {
        InterruptionInfo info = InterruptionInfo.decode(v.entryIntrInfo());
        if (info.valid() && (info.type() == InterruptionInfo.Type.RESERVED || info.type() == InterruptionInfo.Type.OTHER_EVENT)) {
            throw new ScenarioException(List.of(new ScenarioError("hypervisor.vmcs.entry_intr_info", 0, 0, String.format(
                    "entry_intr_info 0x%x injects a %s, which this model cannot deliver; use type 0 (external interrupt), "
                    + "2 (NMI), 3 (hardware exception), 4 (software interrupt), 5 (privileged software exception) or 6 "
                    + "(software exception) in bits 10:8 (SDM 24.8.3)", v.entryIntrInfo(), info.type().words()))));
        }
        return Vmcs.guestState(v.interruptibility(), v.pendingDbg(), v.activity(), v.entryIntrInfo());
    }
}
