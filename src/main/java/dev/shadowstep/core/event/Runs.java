package dev.shadowstep.core.event;

/**
 * Who executes a step: the host (KVM and its userspace), L1 (the program on the CPU, or the guest under
 * KVM) or L2 (the guest the program itself entered with VMLAUNCH/VMRESUME). The trace's {@code runs}.
 */
public enum Runs { HOST, L1, L2 }
