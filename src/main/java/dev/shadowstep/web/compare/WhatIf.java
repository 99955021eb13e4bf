package dev.shadowstep.web.compare;

import dev.shadowstep.web.BadRequestException;
import dev.shadowstep.web.switches.CpuEditor;
import dev.shadowstep.web.switches.HostActionEditor;
import dev.shadowstep.web.switches.Variant;
import java.util.Locale;
import java.util.Set;

/**
 * A what-if fork of a run at one step: the same scenario with one change, derived by text-preserving
 * edits so the fork is an ordinary scenario (it can be edited, shared and compared again). A raised
 * IRQ or NMI, a flag set or cleared and a debug register written are a {@code host} action
 * {@code at_step: N} (it fires at the boundary before step N, scenario-format.md: {@code raise_irq},
 * {@code raise_nmi}, {@code set_regs: {rflags_set: [TF]}}, {@code set_debugregs: {dr7: ...}}); a run
 * that starts in a shadow is the {@code cpu.shadow} edit; a flipped switch is the editor's switch edit
 * (the #DB gate type is one: {@code db_gate=trap}).
 *
 * @param what   {@code irq}, {@code nmi}, {@code set} / {@code clear} (a flag), {@code dr} (a debug
 *               register), {@code shadow} (start in one) or {@code switch}
 * @param step   the step the change is made at (for a switch, where the compare opens; a shadow is at the start)
 * @param vector the IRQ vector (16-255), for {@code irq}
 * @param spec   the switch setting {@code name=value}, the flag ({@code TF}, {@code IF}, {@code RF}), the
 *               debug register ({@code dr0}-{@code dr3}, {@code dr7}) or the shadow ({@code sti}, {@code mov_ss})
 * @param value  the debug register's new value (a number, or for DR0-DR3 a label), for {@code dr}
 */
public record WhatIf(String what, int step, Integer vector, String spec, String value) {

    /** The flags a fork can set or clear at a step (the ones the timeline has lanes for). */
    static final Set<String> FLAGS = Set.of("TF", "IF", "RF");
    /** The debug registers a fork can write (DR6 is the processor's report, not a setting). */
    static final Set<String> DEBUG_REGISTERS = Set.of("dr0", "dr1", "dr2", "dr3", "dr7");
    /** The shadows a run can start in (scenario-format.md, cpu.shadow). */
    static final Set<String> SHADOWS = Set.of("sti", "mov_ss");

    /** A fork that needs no value: an IRQ, an NMI, a flag, a shadow or a switch. */
    public WhatIf(String what, int step, Integer vector, String spec) {
        this(what, step, vector, spec, null);
    }

    private String kind() {
        return what == null ? "" : what.strip().toLowerCase(Locale.ROOT);
    }

    /** Returns whether the fork adds a host action at its step (the compare opens on it). */
    public boolean isHostAction() {
        return Set.of("irq", "nmi", "set", "clear", "dr").contains(kind());
    }

    /** Returns the fork of {@code text}. @throws BadRequestException saying what is missing or wrong */
    public String apply(String text) {
        if (step < 0) throw new BadRequestException("A what-if needs a step of 0 or more, not " + step + ".");
        String at = "at_step: " + step + ", ";
        return switch (kind()) {
            case "irq" -> {
                if (vector == null || vector < 16 || vector > 255) {
                    throw new BadRequestException("Raise which IRQ? Give a vector from 16 to 255 (0x10-0xff), e.g. 0xaa.");
                }
                yield HostActionEditor.add(text, at + "raise_irq: 0x" + Integer.toHexString(vector));
            }
            case "nmi" -> HostActionEditor.add(text, at + "raise_nmi: true");
            case "set", "clear" -> HostActionEditor.add(text, at + "set_regs: {rflags_" + kind() + ": [" + flag() + "]}");
            case "dr" -> HostActionEditor.add(text, at + "set_debugregs: {" + register() + ": " + registerValue() + "}");
            case "shadow" -> CpuEditor.set(text, "shadow", shadow());
            case "switch" -> Variant.parse(spec).apply(text);
            default -> throw new BadRequestException("What if what? Choose irq (raise an IRQ), nmi (raise an NMI), set or "
                    + "clear (a flag: TF, IF, RF), dr (write DR0-DR3 or DR7), shadow (start in one) or switch (flip a setting), not '"
                    + what + "'.");
        };
    }

    /** Returns the fork in words: {@code IRQ 0xaa raised at step 3}, {@code TF set at step 3}, {@code emulated_db_sets_bs off}. */
    public String describe() {
        return switch (kind()) {
            case "irq" -> "IRQ 0x" + Integer.toHexString(vector) + " raised at step " + step;
            case "nmi" -> "NMI raised at step " + step;
            case "set" -> flag() + " set at step " + step;
            case "clear" -> flag() + " cleared at step " + step;
            case "dr" -> register().toUpperCase(Locale.ROOT) + " = " + registerValue() + " at step " + step;
            case "shadow" -> "starts in " + (shadow().equals("sti") ? "an STI" : "a MOV SS") + " shadow";
            default -> Variant.parse(spec).describe();
        };
    }

    private String flag() {
        String f = spec == null ? "" : spec.strip().toUpperCase(Locale.ROOT);
        if (!FLAGS.contains(f)) throw new BadRequestException("Set or clear which flag? TF, IF or RF, not '" + spec + "'.");
        return f;
    }

    private String register() {
        String r = spec == null ? "" : spec.strip().toLowerCase(Locale.ROOT);
        if (!DEBUG_REGISTERS.contains(r)) {
            throw new BadRequestException("Write which debug register? dr0, dr1, dr2, dr3 or dr7, not '" + spec + "'.");
        }
        return r;
    }

    private String shadow() {
        String s = spec == null ? "" : spec.strip().toLowerCase(Locale.ROOT);
        if (!SHADOWS.contains(s)) throw new BadRequestException("Start in which shadow? sti or mov_ss, not '" + spec + "'.");
        return s;
    }

    /**
     * Returns the register's new value as the format writes it: a number in 0x hex, or for DR0-DR3 a
     * label (a breakpoint's address). DR7 is 32 bits, as KVM_SET_DEBUGREGS takes it.
     */
    private String registerValue() {
        String r = register();
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) throw new BadRequestException("Write what to " + r + "? Give a number (decimal or 0x hex)"
                + (r.equals("dr7") ? "" : " or a label") + ".");
        if (!r.equals("dr7") && v.matches("[A-Za-z_.][A-Za-z0-9_.]{0,63}") && !v.matches("(?i)0x.*")) return v;
        String t = v.toLowerCase(Locale.ROOT).replace("_", "");
        long n;
        try {
            n = t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new BadRequestException(r + " must be a number (decimal or 0x hex)" + (r.equals("dr7") ? "" : " or a label")
                    + ", not '" + v + "'.");
        }
        if (r.equals("dr7") && (n >>> 32) != 0) {
            throw new BadRequestException("dr7 is 32 bits here (KVM_SET_DEBUGREGS refuses bits 63:32), not '" + v + "'.");
        }
        return "0x" + Long.toHexString(n);
    }
}
