package dev.shadowstep.core.vmx;

/**
 * A VM-entry check that failed: VM entry fails with "invalid guest state" (exit reason 0x80000021)
 * and loads nothing of the guest (SDM Vol. 3 27.8).
 *
 * @param check the check in words, naming the field, the rule and its SDM section
 * @param rule  the check's rule
 */
public record CheckFailure(String check, EntryCheckRule rule) {
    public CheckFailure {
        if (check == null || check.isBlank()) throw new IllegalArgumentException("a check failure names its check");
        if (rule == null) throw new IllegalArgumentException("a check failure names its rule");
    }
}
