/* Pasted from KVM's debug_regs.c: the STI sub-test, as C inline asm. */
	asm volatile("pushf\n\t"
		     "orq $" __stringify(X86_EFLAGS_TF) ", (%rsp)\n\t"
		     "popf\n\t"
		     "sti\n\t"
		     "fep_sti_start:"
		     "cli\n\t"
		     "pushf\n\t"
		     "orq $" __stringify(X86_EFLAGS_TF) ", (%rsp)\n\t"
		     "popf\n\t"
		     KVM_FEP "sti\n\t"
		     "fep_sti_end:"
		     "cli\n\t");
	asm volatile(KVM_FEP "fep_bd_start: mov %%dr0, %%rax\n\t" : : : "rax");
"1: .byte 'k', '\\\\' # a comment inside a string\n\t" "jmp 1b\n\t" "hlt\n\t"
