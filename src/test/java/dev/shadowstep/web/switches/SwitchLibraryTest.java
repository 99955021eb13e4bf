package dev.shadowstep.web.switches;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.web.yaml.YamlTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Every switch, flipped on every built-in scenario: only that setting changes, and flipping back restores it. */
class SwitchLibraryTest {

    @TestFactory
    Stream<DynamicTest> flippingASwitchChangesThatSettingAndNothingElse() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:scenarios/*.yaml")) {
            String text = r.getContentAsString(StandardCharsets.UTF_8);
            SwitchState state = SwitchState.read(YamlTree.parse(text));
            for (Switch sw : Switch.values()) {
                String value = state.value(sw);
                if (value == null) continue;
                tests.add(DynamicTest.dynamicTest(r.getFilename() + ": " + sw.wireName() + " " + value + " -> "
                        + sw.opposite(value), () -> flipAndBack(text, sw, value)));
            }
        }
        assertThat(tests).hasSizeGreaterThan(60);
        return tests.stream();
    }

    static void flipAndBack(String text, Switch sw, String value) {
        Scenario before = ScenarioLoader.load(text);
        String flipped = SwitchEditor.set(text, sw, sw.opposite(value));
        Scenario after = ScenarioLoader.load(flipped);
        assertThat(after.program()).isEqualTo(before.program());
        assertThat(after.programLine() - before.programLine()).isBetween(-8, 2);
        assertThat(after.expect().stream().map(e -> e.describe()).toList())
                .isEqualTo(before.expect().stream().map(e -> e.describe()).toList());
        assertThat(after.cpu()).isEqualTo(before.cpu());
        assertThat(after.title()).isEqualTo(before.title());
        SwitchState was = SwitchState.read(YamlTree.parse(text));
        SwitchState now = SwitchState.read(YamlTree.parse(flipped));
        assertThat(now.value(sw)).isEqualTo(sw.opposite(value));
        if (sw != Switch.HYPERVISOR) {
            for (Switch other : Switch.values()) {
                if (other != sw) assertThat(now.value(other)).as(other.wireName()).isEqualTo(was.value(other));
            }
        }
        String back = SwitchEditor.set(flipped, sw, value);
        assertThat(SwitchState.read(YamlTree.parse(back)).value(sw)).isEqualTo(value);
        assertThat(ScenarioLoader.load(back).program()).isEqualTo(before.program());
    }
}
