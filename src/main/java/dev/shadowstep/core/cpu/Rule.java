package dev.shadowstep.core.cpu;

/**
 * A rule of the model: what decided a step (or kept an event waiting), said once, with the public
 * source it follows. The rules are enum constants next to the code that applies them
 * ({@link InstructionRule} for retiring instructions, {@code core.event.EventRule} for the
 * instruction boundary and the IDT, {@code core.vmx.EntryCheckRule} for the VM-entry checks,
 * {@code core.kvm.KvmRule} for KVM's functions); {@code run.Rules} numbers them all for the trace.
 */
public interface Rule {

    /** Returns the id the trace writes: the constant's name, upper snake case ({@code STI_SHADOW_STARTED}). */
    String name();

    /** Returns the rule's words: its sentence and source. */
    Text text();

    /** Returns the sentence, with {@code {name}} where a step fills in its own value. */
    default String sentence() { return text().sentence(); }

    /** Returns the public source: SDM volume and section with title, KVM function and commit, kvm-unit-tests function. */
    default String source() { return text().source(); }

    /** A rule's sentence and its public source. */
    record Text(String sentence, String source) {
        public Text {
            if (sentence == null || sentence.isBlank() || source == null || source.isBlank()) {
                throw new IllegalArgumentException("a rule needs a sentence and a source");
            }
        }
    }

    /** Returns the sentence with each {@code {name}} replaced: {@code fill("value", "0x400")}. */
    default String fill(String... namesAndValues) {
        String s = sentence();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            s = s.replace("{" + namesAndValues[i] + "}", namesAndValues[i + 1]);
        }
        return s;
    }
}
