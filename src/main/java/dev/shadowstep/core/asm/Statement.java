package dev.shadowstep.core.asm;

import java.util.List;

/**
 * One statement that occupies bytes:
 * <pre>
 * Statement = Insn(mnemonic, Arg*) | Data(width, Expr*) | Align(boundary, fill) | Skip(count, fill) | Fep
 * </pre>
 * {@code text} is the statement as written (labels and comments removed) and locates errors;
 * {@code labels} are the labels defined just before it, as written.
 */
sealed interface Statement {
    Text text();

    List<String> labels();

    /**
     * An instruction; {@code prefixes} are the prefix mnemonics before it ({@code lock}, {@code rep},
     * {@code cs}, ...), on its own line or as separate statements ({@code lock; incl (%rax)}).
     */
    record Insn(Text text, List<String> labels, String mnemonic, List<Arg> args, List<Prefix> prefixes) implements Statement {
        public Insn {
            prefixes = List.copyOf(prefixes);
        }

        Insn(Text text, List<String> labels, String mnemonic, List<Arg> args) {
            this(text, labels, mnemonic, args, List.of());
        }
    }

    /**
     * A prefix mnemonic. {@code standalone}: written as its own statement, so GNU as emits it first,
     * in source order; otherwise it goes in as's slot for its group (segment, then 66, then rep/lock).
     */
    record Prefix(String name, int value, boolean standalone, int col) {}

    /** {@code .byte/.word/.long/.quad}: {@code columns} locates each value for range errors. */
    record Data(Text text, List<String> labels, int width, List<Expr> values, List<Integer> columns) implements Statement {}

    /** {@code .balign}/{@code .align}: pad with {@code fill} to a multiple of {@code boundary}, at most {@code max} bytes (null: no limit). */
    record Align(Text text, List<String> labels, Expr boundary, Expr fill, Expr max) implements Statement {}

    /** {@code .skip}/{@code .space}: {@code count} bytes of {@code fill} (0 when absent). */
    record Skip(Text text, List<String> labels, Expr count, Expr fill) implements Statement {}

    /** KVM's forced-emulation prefix {@code ud2; .byte 'k','v','m'}: one listing line of 5 bytes. */
    record Fep(Text text, List<String> labels) implements Statement {
        static final byte[] BYTES = {0x0f, 0x0b, 'k', 'v', 'm'};
    }
}
