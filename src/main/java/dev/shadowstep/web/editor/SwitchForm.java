package dev.shadowstep.web.editor;

import dev.shadowstep.web.switches.Switch;
import dev.shadowstep.web.switches.SwitchEditor;
import dev.shadowstep.web.switches.SwitchException;
import dev.shadowstep.web.switches.SwitchState;
import dev.shadowstep.web.yaml.YamlTree;
import dev.shadowstep.web.yaml.YamlTreeException;
import java.util.List;
import org.springframework.util.MultiValueMap;

/**
 * Reads the editor's switches from a form post. A checkbox sends nothing when off, so each has
 * a hidden field with "off" before it: the last value sent for a name is the one that counts.
 */
final class SwitchForm {

    private SwitchForm() {}

    /**
     * Returns the text with every switch the user changed set: a posted value that differs from
     * what the text says before the post. Unchanged switches are left alone, so the fixes that a
     * hypervisor switched off takes with it are not set back.
     *
     * @throws SwitchException as {@link SwitchEditor#set}
     */
    static String apply(String text, MultiValueMap<String, String> form) {
        SwitchState before;
        try {
            before = SwitchState.read(YamlTree.parse(text));
        } catch (YamlTreeException e) {
            throw new SwitchException("The switches need a readable scenario: " + e.getMessage() + ".");
        }
        String result = text;
        for (Switch sw : Switch.values()) {
            List<String> sent = form.get(sw.wireName());
            if (sent == null || sent.isEmpty()) continue;
            String value = sw.normalize(sent.getLast()).orElse(null);
            if (value == null || value.equals(before.value(sw))) continue;
            result = SwitchEditor.set(result, sw, value);
        }
        return result;
    }
}
