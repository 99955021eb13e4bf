package dev.shadowstep.testing;

/**
 * The seed of the project as test fixtures: the STI sub-test of KVM's debug_regs.c on bare metal
 * (semantics.md 2.1, cases 7 and 8, with a plain {@code sti} where the selftest has
 * {@code KVM_FEP sti}).
 */
public final class Seed {
    private Seed() {}

    /** The guest program: two single-steps in an STI shadow, a #DB handler that clears TF, an IRQ handler with EOI. */
    public static final String PROGRAM = """
            pushf
            orq $X86_EFLAGS_TF, (%rsp)
            popf
            sti
            fep_sti_start:
            cli
            pushf
            orq $X86_EFLAGS_TF, (%rsp)
            popf
            sti
            fep_sti_end:
            cli
            hlt
            db_handler:
            andq $~X86_EFLAGS_TF, 16(%rsp)
            iretq
            irq_handler:
            movl $0x80b, %ecx
            xor %eax, %eax
            xor %edx, %edx
            wrmsr
            iretq
            """;

    /** The scenario file around {@link #PROGRAM}: IRQ 0xAA pending from the start, and what the run must show. */
    public static final String SCENARIO = """
            format: 1
            title: "Single-step #DB in an STI shadow, bare metal"
            apic: {irr: [0xAA]}
            idt:
              1: db_handler
              0xAA: irq_handler
            program: |
            """ + PROGRAM.indent(2) + """
            expect:
              - db: {at: fep_sti_start, dr6: 0xffff4ff0}
              - irq: {vector: 0xAA, at: fep_sti_start}
              - db: {at: fep_sti_end}
              - irq: {count: 1}
              - outcome: completed
            """;
}
