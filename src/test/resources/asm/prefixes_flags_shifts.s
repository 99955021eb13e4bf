# Prefixes, flag instructions, shifts and rotates, and NOP padding (issue 17).
# Every line is compared byte for byte with GNU as --64 by GnuAsComparisonTest.
stc
clc
cmc
cld
std
lahf
sahf
pause
rep; nop
nopl (%rax)
nopw 0x0(%rax,%rax,1)
nopl 0x12345678(%rax)
shl %eax
shl $1, %eax
shl $3, %eax
shl %cl, %eax
shlq $1, (%rsp)
shlb %al
shrw $2, %ax
sar %cl, %rbx
sal %r9d
rol %eax
ror $4, %eax
rolb $7, (%rax)
rcl %cl, %al
rcr $5, %edx
rcrw %cl, 8(%rsp)
rclq $1, n(%rip)
sarq $63, %r15
lock addq $1, (%rax)
lock incl (%rax)
lock addw $1, (%rax)
lock; addw $1, (%rax)
cs nop
ds; int3
cs movw $1, (%rax)
rep ret
repz ret
repne; nop
rep
repe; nop
data16 cs int3
# every row of the shift and rotate group
rol %al
rol %eax
rol $1, %al
rolq $1, (%rax)
rol $3, %bl
rolw $3, 2(%rsp)
rol %cl, %dl
rol %cl, %r10
ror %al
ror %eax
ror $1, %al
rorq $1, (%rax)
ror $3, %bl
rorw $3, 2(%rsp)
ror %cl, %dl
ror %cl, %r10
rcl %al
rcl %eax
rcl $1, %al
rclq $1, (%rax)
rcl $3, %bl
rclw $3, 2(%rsp)
rcl %cl, %dl
rcl %cl, %r10
rcr %al
rcr %eax
rcr $1, %al
rcrq $1, (%rax)
rcr $3, %bl
rcrw $3, 2(%rsp)
rcr %cl, %dl
rcr %cl, %r10
shl %al
shl %eax
shl $1, %al
shlq $1, (%rax)
shl $3, %bl
shlw $3, 2(%rsp)
shl %cl, %dl
shl %cl, %r10
sal %al
sal %eax
sal $1, %al
salq $1, (%rax)
sal $3, %bl
salw $3, 2(%rsp)
sal %cl, %dl
sal %cl, %r10
shr %al
shr %eax
shr $1, %al
shrq $1, (%rax)
shr $3, %bl
shrw $3, 2(%rsp)
shr %cl, %dl
shr %cl, %r10
sar %al
sar %eax
sar $1, %al
sarq $1, (%rax)
sar $3, %bl
sarw $3, 2(%rsp)
sar %cl, %dl
sar %cl, %r10
.byte 0x2e, 0x2e, 0x2e, 0x2e, 0x2e, 0x2e, 0x2e, 0x2e, 0x2e, 0x2e, 0x2e, 0xcc
.balign 16
int3
.balign 32
int3
.balign 8,,3
int3
.balign 4, 0x90, 3
int3
.align 64
n: .quad 0
