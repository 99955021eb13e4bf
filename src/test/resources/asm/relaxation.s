# Branch relaxation: short while the target is within -128..127 of the next instruction.
start:
    jmp fwd_127
    .byte 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90
    .quad 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    .byte 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90
fwd_127:
    jz fwd_128
    .quad 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
fwd_128:
    jne start
    jmp back_near
back_near:
    loop back_near
    call helper
    jc 1f
    jnae 1f
    jae 1f
    jnb 1f
    jnc 1f
    je 1f
    jz 1f
    jne 1f
    jnz 1f
    jbe 1f
    jna 1f
1:  ja 1b
    jnbe 1b
    js 1b
    jns 1b
    jp 1b
    jpe 1b
    jnp 1b
    jpo 1b
    jl 1b
    jnge 1b
    jge 1b
    jnl 1b
    jle 1b
    jng 1b
    jg 1b
    jnle 1b
    jo 1b
    jno 1b
    jb 1b
helper:
    ret
    # a chain where growing one jump pushes another out of range
chain:
    jmp chain_end
    jmp chain_end
    .quad 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    .byte 0, 0, 0, 0, 0, 0
chain_end:
    jmp start
    # every condition in its long form (0f 80+cc rel32), aliases included
far_jumps:
    jo far_target
    jno far_target
    jb far_target
    jnae far_target
    jae far_target
    jnc far_target
    je far_target
    jne far_target
    jbe far_target
    ja far_target
    js far_target
    jns far_target
    jp far_target
    jnp far_target
    jl far_target
    jge far_target
    jle far_target
    jg far_target
    jmp far_target
    .quad 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
far_target:
    jo far_jumps
    jpe far_jumps
    jnle far_jumps
    jmp far_jumps
