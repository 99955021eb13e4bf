/**
 * The guest program's assembler and decoder, both driven by one instruction table.
 *
 * <h2>Source grammar (GNU as, AT&amp;T syntax, 64-bit)</h2>
 * <pre>
 * program    = line*                      -- "/* ... *&#47;" comments may span lines
 * line       = statement (';' statement)* ['#' comment]
 *            | C-line                     -- "pushf\n\t" "orq $" __stringify(X86_EFLAGS_TF) ", (%rsp)\n\t" [\ , );]
 * statement  = label* ['KVM_FEP' statement] [instruction | directive]
 * label      = symbol ':' | digits ':'    -- 1: is a local label, referenced as 1b / 1f
 * instruction= mnemonic [operand (',' operand)*]     -- AT&amp;T order: source first
 * operand    = '%' register | '$' expr | ['*'] memory | ['*'] '%' register
 * memory     = [expr] '(' [%base] [',' %index [',' scale]] ')' | expr     -- base may be %rip
 * directive  = .byte|.word|.long|.quad expr (',' expr)*
 *            | .set|.equ symbol ',' expr  | .balign|.align n ',' fill [',' max]
 *            | .skip|.space n [',' fill]  | .text | .code64 | .globl symbol
 * expr       = numbers (decimal, 0x hex, 0b binary, 0 octal), 'c' or 'c char literals, symbols,
 *              '.', unary - ~ + !, binary * / % &lt;&lt; &gt;&gt; &amp; ^ | + -, parentheses
 * </pre>
 * {@code KVM_FEP} stands for {@code ud2; .byte 'k','v','m'} (one 5-byte listing line). The
 * EFLAGS and debug-register constants of {@link dev.shadowstep.core.asm.Predefined} need no
 * definition.
 *
 * <h2>The table</h2>
 * {@link dev.shadowstep.core.asm.InstructionTable} lists every instruction form: its
 * {@link dev.shadowstep.core.asm.Op}, AT&amp;T names and suffix rule, operand
 * {@link dev.shadowstep.core.asm.Pattern}, opcode bytes, /digit and allowed operand sizes.
 * The {@link dev.shadowstep.core.asm.Encoder} takes the first row that fits (row order is GNU
 * as's preference: store-form opcodes for register pairs, sign-extended imm8, then the
 * accumulator short forms, then full immediates); {@link dev.shadowstep.core.asm.Layout}
 * relaxes jmp/jcc from rel8 to rel32 like GNU as; the {@link dev.shadowstep.core.asm.Decoder}
 * indexes the same rows by opcode. Decoded instructions follow the
 * {@link dev.shadowstep.core.asm.Instruction} conventions: two operands are AT&amp;T
 * {@code src, dst}; one operand is {@code dst}; branch targets are absolute
 * {@link dev.shadowstep.core.asm.Operand.Rel}; RIP-relative displacements count from the next
 * instruction; %ah-%bh are {@code Reg(0-3, 1, high8=true)}.
 *
 * <h2>Deviations from GNU as 2.40 (on purpose)</h2>
 * <ul>
 * <li>An instruction without a size suffix and without a register operand is an error
 *     (as warns and assumes {@code l}); stack and branch forms default to 64 bits as in as.</li>
 * <li>An immediate or {@code .byte}/{@code .word}/{@code .long} value that does not fit is an
 *     error (as warns and truncates).</li>
 * <li>An expression whose value differs between GNU as's operator precedence ({@code << & |}
 *     bind tighter than {@code + -}) and C's is an error asking for parentheses; otherwise
 *     the values are as's.</li>
 * <li>{@code .balign}/{@code .align} need an explicit fill byte other than 0x90: for those as
 *     pads code with multi-byte NOPs that shadowstep does not decode.</li>
 * <li>A symbol is defined once; a predefined constant may be {@code .set} again only to its
 *     own value.</li>
 * <li>{@code icebp} is accepted as {@code int1} (f1); as 2.40 knows only {@code int1}.</li>
 * <li>Not supported: segment overrides, 32-bit address registers, movabs with a memory
 *     operand, {@code .p2align}, macros, strings.</li>
 * </ul>
 * Like as 2.40, {@code int $3} assembles to {@code cc} (decoded as INT3); write
 * {@code .byte 0xcd, 3} for the two-byte form.
 *
 * <p>{@link dev.shadowstep.core.asm.Program#symbolAt(long)} writes offsets in hex,
 * {@code label+0x4}, as objdump does.
 */
package dev.shadowstep.core.asm;
