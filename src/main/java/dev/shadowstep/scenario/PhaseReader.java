package dev.shadowstep.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what makes {@code host} a selftest's main() loop under {@code kind: kvm-vmx}: the trigger {@code on_exit}
 * (after the Nth return of KVM_RUN to userspace) and the effects only userspace has between two KVM_RUNs,
 * {@code set_guest_debug} (KVM_SET_GUEST_DEBUG) and {@code stop}.
 */
final class PhaseReader {

    static final List<String> ON_EXIT_KEYS = List.of("reason", "nth");
    static final List<String> SET_GUEST_DEBUG_KEYS = List.of("flags", "dr0", "dr1", "dr2", "dr3", "dr7");

    /** The exits to userspace an on_exit trigger can name, by their short names. */
    private static final Map<String, String> REASONS = reasons();

    private PhaseReader() {}

    private static Map<String, String> reasons() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("debug", "KVM_EXIT_DEBUG");
        m.put("io", "KVM_EXIT_IO");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Returns the {@code on_exit} trigger, or null after reporting errors. */
    static HostAction.OnExit onExit(Node node, String path, Errors errors) {
        Fields f = Fields.of(node, path, errors, ON_EXIT_KEYS);
        if (f == null) return null;
        int before = errors.size();
        String exit = null;
        if (f.has("reason")) {
            Node reason = f.get("reason");
            if (reason instanceof Node.Scalar s && s.text().strip().equals("hlt")) {
                // __kvm_emulate_halt exits with KVM_EXIT_HLT only when the local APIC is not in the kernel; the
                // selftests' VMs (vm_create) have an in-kernel irqchip, as this model does.
                errors.add(f.path("reason"), reason.location(), "KVM reports KVM_EXIT_HLT only without an in-kernel local "
                        + "APIC (__kvm_emulate_halt); this model's VM has one, as the selftests' vm_create gives, so a HLT "
                        + "blocks the vCPU in KVM (kvm_vcpu_block) and never returns to userspace. Use reason: debug or io");
            } else {
                exit = Values.word(reason, f.path("reason"), errors, REASONS);
            }
        }
        Node nthNode = f.require("nth", "nth: 1 (the first such exit)");
        Integer nth = nthNode == null ? null : Values.smallInt(nthNode, f.path("nth"), errors,
                IntRange.of(1, Integer.MAX_VALUE, "an exit number, counted from 1"));
        if (errors.size() > before || nth == null) return null;
        return new HostAction.OnExit(exit, nth);
    }

    /** Returns the {@code set_guest_debug} effect, or null after reporting errors. */
    static HostAction.SetGuestDebug setGuestDebug(Node node, String path, Errors errors) {
        Fields f = Fields.of(node, path, errors, SET_GUEST_DEBUG_KEYS);
        if (f == null) return null;
        int before = errors.size();
        Node flagsNode = f.require("flags", "flags: [ENABLE, USE_HW_BP] (or flags: [] to turn guest debugging off)");
        Set<Hypervisor.GuestDebugFlag> flags = flagsNode == null ? null
                : HypervisorReader.guestDebug(flagsNode, f.path("flags"), errors);
        List<Address> dr = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String key = "dr" + i;
            dr.add(f.has(key) ? Values.address(f.get(key), f.path(key), errors) : new Address.Absolute(0));
        }
        // debugreg[7] becomes GUEST_DR7, whose bits 63:32 must be 0 for the VM entry (SDM Vol. 3C 26.3.1.1).
        Long dr7 = f.has("dr7") ? Values.integer(f.get("dr7"), f.path("dr7"), errors, IntRange.U32) : Long.valueOf(0);
        if (errors.size() > before || flags == null) return null;
        return new HostAction.SetGuestDebug(flags, dr, dr7);
    }
}
