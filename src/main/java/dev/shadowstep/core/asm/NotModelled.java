package dev.shadowstep.core.asm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Instructions kvm-unit-tests and KVM selftests use that shadowstep knows but does not model:
 * each is a located error at its line saying what state it would need, never an "unknown
 * instruction" and never a guess. The map is also the "refused" list of scenario-format.md.
 */
final class NotModelled {
    private NotModelled() {}

    /** Mnemonic (or mnemonic root for the string instructions) to why it is not modelled. */
    static final Map<String, String> REASONS = build();

    private static Map<String, String> build() {
        Map<String, String> m = new LinkedHashMap<>();
        String strings = "is a string instruction, which this model does not execute: with or without rep/repe/repne it "
                + "iterates over RSI/RDI/RCX, and a REP string instruction is interruptible and single-steppable between "
                + "iterations (SDM Vol. 2, REP/REPE/REPZ/REPNE/REPNZ): write the loop with mov, inc and loop";
        for (String root : new String[] {"movs", "stos", "lods", "cmps", "scas", "ins", "outs"}) m.put(root, strings);
        String tables = "loads a descriptor-table register, which this model does not have: the IDT is implicit (the scenario's "
                + "idt:), there is no GDT or LDT to load (SDM Vol. 2, LGDT/LIDT, LLDT); set the handlers in idt:";
        m.put("lgdt", tables);
        m.put("lidt", tables);
        m.put("lldt", tables);
        m.put("ltr", "loads the task register; this model has no TSS (SDM Vol. 2, LTR)");
        m.put("sgdt", "stores the GDTR, which this model does not have (SDM Vol. 2, SGDT)");
        m.put("sidt", "stores the IDTR, which this model does not have: the IDT is implicit (SDM Vol. 2, SIDT)");
        m.put("invlpg", "invalidates a TLB entry; this model has no paging structures or TLB (SDM Vol. 2, INVLPG)");
        String monitor = "arms or waits on address monitoring, which this model does not have (SDM Vol. 2, MONITOR, MWAIT): "
                + "use hlt to wait for an interrupt";
        m.put("monitor", monitor);
        m.put("mwait", monitor);
        String rtm = "is Intel TSX (RTM); this model has no transactional execution, so an abort and its fallback path "
                + "cannot be shown (SDM Vol. 1, 16.3)";
        for (String n : new String[] {"xbegin", "xend", "xabort", "xtest"}) m.put(n, rtm);
        m.put("swapgs", "swaps the GS base, which this model does not have (SDM Vol. 2, SWAPGS)");
        m.put("sysenter", "is a fast system call; this model has no SYSENTER MSRs (SDM Vol. 2, SYSENTER)");
        m.put("syscall", "is a fast system call; this model has no STAR/LSTAR MSRs (SDM Vol. 2, SYSCALL)");
        m.put("sysret", "returns from a fast system call; this model has no STAR MSR (SDM Vol. 2, SYSRET)");
        m.put("xsave", "saves processor extended state, which this model does not have (SDM Vol. 2, XSAVE)");
        m.put("xrstor", "restores processor extended state, which this model does not have (SDM Vol. 2, XRSTOR)");
        return m;
    }

    /** Throws a located error when {@code mnemonic} is an instruction this model knows it does not execute. */
    static void check(String mnemonic, Statement.Insn insn) {
        String reason = REASONS.get(mnemonic);
        if (reason == null) reason = stringInstruction(mnemonic, insn);
        if (reason != null) throw insn.text().fail(0, "'" + mnemonic + "' is not modelled: it " + reason);
    }

    /** movsb, stosq, ...: the string forms, told apart from movsbl/movswq by having no register operand. */
    private static String stringInstruction(String m, Statement.Insn insn) {
        if (m.length() < 4) return null;
        String root = m.substring(0, m.length() - 1);
        char size = m.charAt(m.length() - 1);
        if (!REASONS.containsKey(root) || "bwlq".indexOf(size) < 0) return null;
        for (Arg a : insn.args()) if (a instanceof Arg.RegArg) return null;
        return REASONS.get(root);
    }
}
