# Every row of the instruction table, with the register and memory variants that change the encoding.
nop
hlt
sti
cli
pushf
pushfq
popf
popfq
iretq
iret
iretl
int3
int $3
int $0x80
int1
ud2
cpuid
rdmsr
wrmsr
vmcall
in $0x80, %al
in $0x80, %ax
in $0x80, %eax
inb $0x61, %al
in %dx, %al
in %dx, %ax
in %dx, %eax
in (%dx), %al
inl %dx, %eax
out %al, $0x80
out %ax, $0x80
out %eax, $0x80
out %al, %dx
out %ax, %dx
out %eax, %dx
outb %al, (%dx)
mov %rax, %rbx
mov %eax, %ebx
mov %ax, %bx
mov %al, %bl
mov %ah, %bl
mov %spl, %dil
mov %r8, %r15
mov %r9d, %eax
mov %r10w, %r11w
mov %r12b, %sil
mov %rax, (%rbx)
mov %rax, (%rsp)
mov %rax, (%rbp)
mov %rax, (%r12)
mov %rax, (%r13)
mov %rax, 8(%rsp)
mov %rax, -8(%rbp)
mov %rax, 0x80(%rbx)
mov %rax, -0x81(%rbx)
mov %rax, 0x12345678(%rbx)
mov %rax, (%rbx,%rcx)
mov %rax, (%rbx,%rcx,2)
mov %rax, 4(%rbx,%rcx,4)
mov %rax, 0x100(%rbx,%rcx,8)
mov %rax, (%r8,%r9,8)
mov %rax, (%rsp,%r12)
mov %rax, (%rbp,%rax)
mov %rax, (%r13,%rax)
mov %rax, 0x10(,%rcx,8)
mov %rax, (,%r9,2)
mov %rax, 0x402000
mov %rax, 0x10(%rip)
mov (%rbx), %rax
mov (%rbx), %eax
mov (%rbx), %ax
mov (%rbx), %al
mov (%rbx), %r8
mov %al, (%rbx)
movq %rax, (%rbx)
movl $0x80b, %ecx
mov $1, %al
mov $-1, %bh
mov $0x1234, %ax
mov $1, %r9d
mov $1, %rax
mov $-1, %rax
mov $0x7fffffff, %rax
mov $0x80000000, %rax
mov $0xffffffff, %rax
mov $0x123456789abcdef0, %r15
movabs $1, %rax
movb $1, (%rax)
movw $1, (%rax)
movl $1, (%rax)
movq $1, (%rax)
movq $-1, 8(%rsp)
movl $0xffffffff, (%rax)
mov %dr0, %rax
mov %dr1, %rbx
mov %dr6, %rcx
mov %dr7, %r9
mov %db7, %rax
mov %dr4, %rax
mov %dr5, %rax
mov %rax, %dr0
mov %rdx, %dr3
mov %rax, %dr7
mov %r15, %dr7
movq %rax, %dr6
mov %ss, %ax
mov %ss, %eax
mov %ss, %rax
mov %ds, %eax
mov %ss, %r9w
mov %ss, (%rax)
movw %ss, 8(%rsp)
mov %ax, %ss
mov %eax, %ss
movw %ax, %ss
mov %rax, %ss
mov %r9d, %ss
mov (%rsp), %ss
movw (%rax), %ss
mov %eax, %ds
mov %eax, %es
mov %eax, %fs
mov %eax, %gs
lea 8(%rsp), %rax
lea (%rax,%rbx,4), %ecx
lea 0x10(,%rbx,8), %rcx
lea (%r12,%r13), %rcx
lea (%rip), %rax
lea 0x20(%rip), %rax
lea -1(%rax), %ax
leaq 0x402000, %rdi
add %rax, %rbx
add %eax, %ebx
add %ax, %bx
add %al, %bl
add %rax, (%rbx)
add %al, (%rbx)
add (%rbx), %rax
add (%rbx), %al
add $1, %eax
add $1, %rax
add $-128, %rax
add $127, %ax
add $1, %al
add $0x80, %al
add $0x100, %ax
add $0x100, %eax
add $0x100, %rax
add $0x100, %ebx
add $0x100, %r8
add $1, %bl
addb $1, (%rax)
addw $1, (%rax)
addl $1, (%rax)
addq $1, (%rax)
addq $0x100, (%rax)
addl $0xffffffff, %eax
addw $0xffff, %ax
or %eax, %ebx
or $1, %al
or $0x100, %eax
orq $0x100, (%rsp)
orq $X86_EFLAGS_TF, (%rsp)
orb $1, (%rax)
and %eax, %ebx
and $~0x100, %eax
andq $~0x100, 16(%rsp)
andq $~X86_EFLAGS_TF, 16(%rsp)
andb $0xfe, (%rax)
and $0xfffffeff, %eax
sub %eax, %ebx
sub $8, %rsp
sub $0x1000, %rsp
subl $1, (%rax)
xor %eax, %eax
xor %edx, %edx
xor %r8, %r8
xor $0x100, %rax
xor $1, %al
xorb $0x80, (%rax)
cmp %rax, %rbx
cmp $5, %rbx
cmp $0x1000, %eax
cmp $0x1000, %ecx
cmpb $5, (%rax)
cmpq $0, 8(%rsp)
cmp (%rax), %ecx
cmp %cl, (%rax)
# The nine ALU rows of each operation: reg,reg (8-bit and wider), mem,reg, imm8, accumulator, r/m,imm.
add %cl, %dl
add %ecx, %edx
add (%rbx), %cl
add (%rbx), %ecx
add $1, %ecx
add $0x10, %al
add $0x1000, %eax
addb $0x10, (%rbx)
addl $0x1000, (%rbx)
or %cl, %dl
or %ecx, %edx
or (%rbx), %cl
or (%rbx), %ecx
or $1, %ecx
or $0x10, %al
or $0x1000, %eax
orb $0x10, (%rbx)
orl $0x1000, (%rbx)
and %cl, %dl
and %ecx, %edx
and (%rbx), %cl
and (%rbx), %ecx
and $1, %ecx
and $0x10, %al
and $0x1000, %eax
andb $0x10, (%rbx)
andl $0x1000, (%rbx)
sub %cl, %dl
sub %ecx, %edx
sub (%rbx), %cl
sub (%rbx), %ecx
sub $1, %ecx
sub $0x10, %al
sub $0x1000, %eax
subb $0x10, (%rbx)
subl $0x1000, (%rbx)
xor %cl, %dl
xor %ecx, %edx
xor (%rbx), %cl
xor (%rbx), %ecx
xor $1, %ecx
xor $0x10, %al
xor $0x1000, %eax
xorb $0x10, (%rbx)
xorl $0x1000, (%rbx)
cmp %cl, %dl
cmp %ecx, %edx
cmp (%rbx), %cl
cmp (%rbx), %ecx
cmp $1, %ecx
cmp $0x10, %al
cmp $0x1000, %eax
cmpb $0x10, (%rbx)
cmpl $0x1000, (%rbx)
dec %cl
decb 8(%rax)
test %eax, %eax
test %rax, %rbx
test %al, %bl
test %ax, %ax
test %eax, (%rbx)
test (%rbx), %eax
test (%rbx), %al
test $1, %al
test $1, %ax
test $1, %eax
test $1, %rax
test $0x100, %ebx
test $1, %bl
testb $1, (%rax)
testl $0x200, 8(%rsp)
testq $0x100, (%rsp)
inc %eax
inc %rax
inc %ax
inc %al
inc %r10
incb (%rax)
incq 8(%rsp)
dec %ecx
dec %r9
decl (%rax)
decw (%rax)
push %rax
push %r8
push %r15
pushw %ax
push $1
push $-1
push $0x100
pushq $0x80
pushw $1
pushw $0x100
push (%rax)
pushq 8(%rsp)
pushw (%rax)
pop %rbx
pop %r12
popw %ax
pop (%rax)
popq 8(%rsp)
jmp *%rax
jmp *%r11
jmp *(%rax)
jmpq *8(%rsp)
jmp *0x10(%rip)
call *%rax
call *%r11
call *(%rax)
callq *8(%rsp)
ret
retq
ret $8
ret $0x1000
