# The STI test from KVM's debug_regs.c (scenario-format.md example).
pushf
orq $X86_EFLAGS_TF, (%rsp)
popf
sti
fep_sti_start:
cli
pushf
orq $X86_EFLAGS_TF, (%rsp)
popf
KVM_FEP sti
fep_sti_end:
cli
hlt

db_handler:
andq $~X86_EFLAGS_TF, 16(%rsp)   # clear TF in the saved RFLAGS
iretq

irq_handler:
movl $0x80b, %ecx                 # x2APIC EOI
xor %eax, %eax
xor %edx, %edx
wrmsr
iretq
