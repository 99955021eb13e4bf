package dev.shadowstep.trace;

import dev.shadowstep.core.event.Vectors;
import java.util.List;

/**
 * A delivery or exit, flattened; what {@code expect} matches against. Fields that do not
 * apply to a type are null and are left out of the JSON.
 *
 * @param at    the RIP pushed on the stack, or reported to the host
 * @param dr6   DR6 as the handler would read it (db), or run->debug.arch.dr6 (exit_to_host)
 * @param cause DR6 cause names: B0..B3, BD, BS, BT
 * @param via   native or injected, for guest events
 * @param dr7   run->debug.arch.dr7 (exit_to_host, when KVM writes it)
 * @param port  run->io.port, {@code io} in or out, {@code size} in bytes, {@code value} the data of an out (KVM_EXIT_IO)
 */
public record Event(int step, Type type, Integer vector, Long at, String label, Long dr6,
                    List<String> cause, String via,
                    String reason, Long qualification, String check,
                    String exit, Integer exception, Long pc,
                    Long dr7, Integer port, String io, Integer size, Long value) {

    /** An event without the fields added for host phases (dr7 and the KVM_EXIT_IO fields). */
    public Event(int step, Type type, Integer vector, Long at, String label, Long dr6, List<String> cause, String via,
                 String reason, Long qualification, String check, String exit, Integer exception, Long pc) {
        this(step, type, vector, at, label, dr6, cause, via, reason, qualification, check, exit, exception, pc,
                null, null, null, null, null);
    }

    /**
     * The event types, each with the letter and shape of its timeline marker (the letter says what it
     * is, so colour is never the only signal) and its name in words: the one vocabulary the pages,
     * the text trace and the browser ({@code /api/vocabulary.json}) use.
     */
    public enum Type {
        DB("D", "square", "#DB"),
        BP("B", "square", "#BP"),
        EXCEPTION("E", "square", "exception"),
        IRQ("I", "circle", "IRQ"),
        NMI("N", "diamond", "NMI"),
        VMEXIT("X", "square", "VM exit"),
        VMENTRY_FAILED("F", "cross", "VM entry failed"),
        EXIT_TO_HOST("H", "square", "exit to host");

        private final String letter, shape, noun;

        Type(String letter, String shape, String noun) {
            this.letter = letter;
            this.shape = shape;
            this.noun = noun;
        }

        /** The name in the trace format and in {@code expect}: db, vmentry_failed, ... */
        public String wireName() { return name().toLowerCase(java.util.Locale.ROOT); }

        /** The marker's letter: D, B, E, I, N, X, F, H. */
        public String letter() { return letter; }

        /** The marker's shape: square, circle, diamond or cross. */
        public String shape() { return shape; }

        /** The type in words, without the event's own values: {@code #DB}, {@code IRQ}, {@code VM exit}. */
        public String noun() { return noun; }
    }

    /**
     * Returns the event's name: {@code #DB}, {@code #GP} (the vector's mnemonic, SDM Vol. 3A Table 6-1),
     * {@code IRQ 0xaa}, {@code VM exit (exception #UD)}, {@code KVM_EXIT_DEBUG}.
     */
    public String name() {
        return switch (type) {
            case EXCEPTION -> vector == null ? type.noun() : vector < Vectors.NAMED ? Vectors.mnemonic(vector)
                    : type.noun() + " " + Hex.of(vector);
            case IRQ -> vector == null ? type.noun() : type.noun() + " " + Hex.of(vector);
            case VMEXIT -> {
                String cause = ((reason == null ? "" : reason) + " " + (vector == null ? "" : Vectors.mnemonic(vector))).strip();
                yield cause.isEmpty() ? type.noun() : type.noun() + " (" + cause + ")";
            }
            case EXIT_TO_HOST -> exit == null ? type.noun() : exit;
            default -> type.noun();
        };
    }
}
