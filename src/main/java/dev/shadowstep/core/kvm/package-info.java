/**
 * KVM on Intel VMX without APICv, function by function (KVM arch/x86/kvm/vmx/vmx.c; arch/x86/kvm/x86.c,
 * vmx/vmx.c, emulate.c).
 *
 * <pre>
 * Kvm (a core.event.Vmm): start = [KVM_SET_GUEST_DEBUG] + vcpu_enter_guest
 *   exit(VmExit): VM exit step, then the handler by exit reason, then KVM_EXIT_DEBUG to userspace if the
 *                 handler returned 0, then vcpu_enter_guest again (or kvm_vcpu_block while halted)
 *   vcpu_enter_guest = EventInjection.checkAndInject (kvm_check_and_inject_events) + vmx_vcpu_run's
 *                      host single-step hack + VmEntries.enter (VMRESUME or KVM_EXIT_FAIL_ENTRY)
 * Handlers: ExceptionExits (handle_exception_nmi, handle_ud), InstructionExits (kvm_emulate_cpuid, _halt, _rdmsr,
 *           _wrmsr, handle_io, kvm_emulate_hypercall, handle_dr), WindowExits (handle_interrupt_window,
 *           handle_nmi_window, handle_fastpath_preemption_timer, handle_external_interrupt)
 * Emulator (x86_emulate_instruction after KVM_FEP), DebugRegisterEmulation (em_dr / kvm_get_dr / kvm_set_dr),
 * Skip (kvm_skip_emulated_instruction, kvm_inject_emulated_db), UserspaceDebug (the selftest's side of KVM_RUN)
 * Vcpu: KVM's per-vCPU state (VMCS, queued exception, the guest's own DRs under USE_HW_BP, singlestep_rip)
 * KvmConfig: forced emulation, the two fixes as switches, guest-debug flags, host debug registers
 * </pre>
 */
package dev.shadowstep.core.kvm;
