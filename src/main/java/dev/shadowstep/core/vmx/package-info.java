/**
 * VMX as the CPU implements it (SDM Vol. 3 Chapters 24-27): the VMCS fields the model needs, the
 * VM-entry checks on the guest non-register state, what a VM exit saves and what a VM entry loads.
 *
 * <pre>
 * Vmcs           = (interruptibility, pendingDbg, activityState, entryIntrInfo, entryErrorCode, entryInstructionLength,
 *                   exitReason, exitQualification, exitIntrInfo, exitInstructionLength, exceptionBitmap,
 *                   procControls, preemptionTimerZero)
 * GuestStateChecks.ORDER = [activityStateIsSupported, ..., rtmBitNeedsRtm]   (SDM 26.3.1.5, one method each)
 *                  check(Vmcs, CpuState) -> Optional&lt;CheckFailure(check in words)&gt;
 * VmExits.save(Vmcs, CpuState, VmExit)  -> Saved(Vmcs, guest)   interruptibility from the shadow, pending dbg per 27.3.4
 * VmEntry.enter(Vmcs, CpuState)         -> Failed(CheckFailure, Vmcs) | Entered(guest, Vmcs, InterruptionInfo injected, why)
 * Injection.toInterruption(...)         -> the core.event Interruption the guest receives (injected = true)
 * BareVmx (a core.event.Vmm)            -> kind: vmx: one VM entry with the scenario's VMCS, then native guest;
 *                                          CPUID, VMCALL and HLT exit and end the run
 * VmxOperation (a core.event.Vmm)       -> bare metal whose program is its own hypervisor: VmxInstructions
 *                                          (VMXON ... VMXOFF, VMfailInvalid/VMfailValid), VmcsRegion per VMCS,
 *                                          EntryControls and GuestRegisterChecks before VmEntry.enter,
 *                                          ExceptionExit and the controls' exits, VmExits.save then the host state
 * </pre>
 *
 * The package knows no VMM policy; {@code core.kvm} is KVM's. SDM section numbers follow the
 * edition with VM entries in Chapter 26 and VM exits in Chapter 27 of Vol. 3C (there the VMCS is
 * Chapter 24 and the VMX instruction reference Chapter 30; later editions add one to each).
 */
package dev.shadowstep.core.vmx;
