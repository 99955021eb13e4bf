# Directives, expressions and symbols, compared byte for byte with GNU as.
.set IRQ_VECTOR, 0xaa
.equ EOI_MSR, 0x80b
start:  jmp .                       # '.' is this statement's address
        mov $EOI_MSR, %ecx
        mov $IRQ_VECTOR | 0x100, %eax
        mov $X86_EFLAGS_IF | X86_EFLAGS_TF, %edx
        and $~(X86_EFLAGS_TF | X86_EFLAGS_RF), %rax
        mov $(DR6_ACTIVE_LOW | DR6_BS), %rbx
        mov $start, %rax            # a label: imm32, never imm8
        push $start
        mov start, %rax             # absolute memory operand
        lea start(%rip), %rsi
        lea (after - before)(%rax), %rcx   # forward difference: disp32, as GNU as does
before: nop
after:  nop
        lea (after - before)(%rax), %rcx   # backward, same fragment: a constant, disp8
        push $(after - before)
        .set SIZE, after - before
        push $SIZE
        .byte 'k', 'v, 'm', '\\', '\n', 0x7f + 1, -1
        .word 0xffff, -32768, 'a' << 8
        .long 0xffffffff, -1, start
        .quad start, . , 0x123456789abcdef0
        .skip 3
        .skip 2, 0xcc
        .balign 8, 0xcc
        .align 16, 0, 4
1:      loop 1b
        jmp 2f
        .byte 1
2:      jz 1b
        int $(1 + 2)                # still int3: GNU as turns int $3 into cc
        int $(0x20 * 4)
        ret $(8 * 2)
end:
