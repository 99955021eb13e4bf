package dev.shadowstep.scenario;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code hypervisor}: KVM on VMX with its settings, or bare VMX with VMCS guest-state fields. */
final class HypervisorReader {

    static final List<String> KEYS = List.of("kind", "forced_emulation", "fixes", "guest_debug", "debugregs", "vmcs");
    /** Settings of KVM itself, meaningless when {@code kind: vmx} runs the guest without KVM. */
    private static final List<String> KVM_ONLY = List.of("forced_emulation", "fixes", "guest_debug", "debugregs");
    static final List<String> FIX_KEYS = List.of("reinject_db_sets_bs", "emulated_db_sets_bs");
    static final List<String> DEBUGREG_KEYS = List.of("dr0", "dr1", "dr2", "dr3", "dr7");

    private static final Map<String, Hypervisor.Kind> KINDS = words(Hypervisor.Kind.values(), Hypervisor.Kind::wireName);
    private static final Map<String, Hypervisor.GuestDebugFlag> FLAGS =
            words(Hypervisor.GuestDebugFlag.values(), Enum::name);

    private HypervisorReader() {}

    private static <T> Map<String, T> words(T[] values, java.util.function.Function<T, String> name) {
        Map<String, T> words = new LinkedHashMap<>();
        for (T value : values) words.put(name.apply(value), value);
        return words;
    }

    /** Returns the hypervisor, or null after reporting errors. */
    static Hypervisor read(Node node, String path, Errors errors) {
        Fields f = Fields.of(node, path, errors, KEYS);
        if (f == null) return null;
        int before = errors.size();
        Node kindNode = f.require("kind", "kind: kvm-vmx");
        Hypervisor.Kind kind = kindNode == null ? null : Values.word(kindNode, f.path("kind"), errors, KINDS);
        checkKindFits(f, kind);
        Boolean forced = f.has("forced_emulation")
                ? Values.bool(f.get("forced_emulation"), f.path("forced_emulation"), errors) : Boolean.FALSE;
        Hypervisor.KvmFixes fixes = f.has("fixes") ? fixes(f.get("fixes"), f.path("fixes"), errors)
                : Hypervisor.KvmFixes.DEFAULT;
        Set<Hypervisor.GuestDebugFlag> guestDebug = f.has("guest_debug")
                ? guestDebug(f.get("guest_debug"), f.path("guest_debug"), errors) : Set.of();
        HostDebugRegs debugregs = f.has("debugregs") ? debugregs(f.get("debugregs"), f.path("debugregs"), errors)
                : HostDebugRegs.DEFAULT;
        VmcsSetup vmcs = f.has("vmcs") ? VmcsReader.read(f.get("vmcs"), f.path("vmcs"), errors)
                : kind == Hypervisor.Kind.VMX ? VmcsSetup.DEFAULT : null;
        if (errors.size() > before) return null;
        return new Hypervisor(kind, forced, fixes, guestDebug, debugregs, vmcs);
    }

    private static void checkKindFits(Fields f, Hypervisor.Kind kind) {
        if (kind == Hypervisor.Kind.KVM_VMX && f.has("vmcs")) {
            f.errors().add(f.path("vmcs"), f.keyLocation("vmcs"), "vmcs is only for kind: vmx; under kvm-vmx KVM "
                    + "writes the VMCS itself. Remove vmcs, or set kind: vmx to explore VM entry by hand");
        }
        if (kind == Hypervisor.Kind.VMX) {
            for (String key : KVM_ONLY) {
                if (f.has(key)) {
                    f.errors().add(f.path(key), f.keyLocation(key), key + " is a KVM setting, but kind: vmx runs the "
                            + "guest without KVM; remove it, or set kind: kvm-vmx");
                }
            }
        }
    }

    private static Hypervisor.KvmFixes fixes(Node node, String path, Errors errors) {
        Fields f = Fields.of(node, path, errors, FIX_KEYS);
        if (f == null) return null;
        Boolean reinject = f.has("reinject_db_sets_bs")
                ? Values.bool(f.get("reinject_db_sets_bs"), f.path("reinject_db_sets_bs"), errors) : Boolean.TRUE;
        Boolean emulated = f.has("emulated_db_sets_bs")
                ? Values.bool(f.get("emulated_db_sets_bs"), f.path("emulated_db_sets_bs"), errors) : Boolean.TRUE;
        return reinject == null || emulated == null ? null : new Hypervisor.KvmFixes(reinject, emulated);
    }

    static Set<Hypervisor.GuestDebugFlag> guestDebug(Node node, String path, Errors errors) {
        List<Node> items = Values.list(node, path, errors, "a list of flags, e.g. [ENABLE, SINGLESTEP]");
        if (items == null) return null;
        Set<Hypervisor.GuestDebugFlag> flags = EnumSet.noneOf(Hypervisor.GuestDebugFlag.class);
        for (int i = 0; i < items.size(); i++) {
            Hypervisor.GuestDebugFlag flag = Values.word(items.get(i), Paths.index(path, i), errors, FLAGS);
            if (flag != null && !flags.add(flag)) {
                errors.add(Paths.index(path, i), items.get(i).location(), flag + " is listed twice; list it once");
            }
        }
        // kvm_arch_vcpu_ioctl_set_guest_debug() clears every flag when KVM_GUESTDBG_ENABLE is absent.
        if (!flags.isEmpty() && !flags.contains(Hypervisor.GuestDebugFlag.ENABLE)) {
            errors.add(path, node.location(), "guest_debug without ENABLE does nothing: KVM ignores the other flags "
                    + "unless KVM_GUESTDBG_ENABLE is set; add ENABLE, e.g. [ENABLE, SINGLESTEP]");
        }
        return flags;
    }

    private static HostDebugRegs debugregs(Node node, String path, Errors errors) {
        Fields f = Fields.of(node, path, errors, DEBUGREG_KEYS);
        if (f == null) return null;
        int before = errors.size();
        List<Address> dr = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String key = "dr" + i;
            dr.add(f.has(key) ? Values.address(f.get(key), f.path(key), errors) : HostDebugRegs.DEFAULT.dr().get(i));
        }
        Long dr7 = f.has("dr7") ? Values.integer(f.get("dr7"), f.path("dr7"), errors, IntRange.U32)
                : Long.valueOf(HostDebugRegs.DEFAULT.dr7());
        return errors.size() > before ? null : new HostDebugRegs(dr, dr7);
    }
}
