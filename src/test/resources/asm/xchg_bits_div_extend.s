# xchg, cmpxchg, bit tests, divide, zero/sign extension, lock, wbinvd/invd (issue 17).
# Every line is compared byte for byte with GNU as --64 by GnuAsComparisonTest.
xchg %rbx,%rcx
xchg %rcx,%rax
xchg %rax,%rcx
xchg %eax,%eax
xchg %ax,%bx
xchg %al,%bl
xchg %rax,(%rbx)
xchg (%rbx),%rax
xchgl %eax,8(%rsp)
bt %rax,%rbx
bt $3,%rbx
btl $3,(%rax)
bts %eax,(%rbx)
btr $63,%rdx
btc %cx,%dx
btcq $1,n(%rip)
divl %ecx
div %rcx
divb %bl
idivq (%rax)
idiv %ecx
movzbl %al,%eax
movzbl (%rax),%ecx
movzwl %ax,%ecx
movzbq %al,%rax
movzwq %ax,%r8
movzbw %al,%ax
movsbl %al,%eax
movsbq %al,%rax
movswl %ax,%eax
movswq %ax,%rax
movslq %eax,%rax
movsbw %al,%ax
movzx %al,%eax
movsx %al,%rax
movzb (%rax),%eax
cmpxchg %rcx,(%rbx)
cmpxchg %ecx,%edx
cmpxchgb %cl,(%rbx)
lock cmpxchg %rcx,(%rbx)
lock xchg %rax,(%rbx)
lock btsl $1,(%rax)
wbinvd
invd
xchg %r8,%rax
xchg %rax,%r9
xchg %ax,%ax
xchg %rax,%rax
xchg %ah,%bl
xchgb %al,(%rsp)
lock xchg (%rbx),%rax
lock cmpxchgl %ecx,(%rsp)
lock btrq $2,(%rax)
lock btcw %ax,(%rbx)
btsw $15,%ax
btq %rcx,8(%rsp,%rdx,8)
divw %cx
divb (%rsp)
idivb %ah
idivl 4(%rsp)
movzbw (%rax),%ax
movzwl (%rsp),%r9d
movsbw (%rax),%cx
movswl 2(%rax),%edx
movslq (%rax),%r10
movzbl %ah,%eax
movsx %ax,%eax
movzx %ax,%rcx
movsxd %eax,%rcx
xchg (%rbx),%al
btr %eax,(%rbx)
rdtsc
rdtscp
vmlaunch
vmresume
vmread %rax,%rbx
vmread %rax,(%rbx)
vmwrite %rbx,%rax
vmwrite (%rbx),%rax
vmcall
n: .quad 0
