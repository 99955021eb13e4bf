package dev.shadowstep.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.trace.ListingEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Naming addresses for messages and expect items, and telling an IRET by its bytes. */
class LabelsAndIretSitesTest {
    static final List<ListingEntry> LISTING = List.of(
            new ListingEntry(0x401000, new byte[] {(byte) 0x90}, "nop", List.of("start"), 1),
            new ListingEntry(0x401001, new byte[] {0x48, (byte) 0xcf}, "iretq", List.of("handler", "alias"), 2),
            new ListingEntry(0x401003, new byte[] {(byte) 0xcf}, "iret", List.of(), 3),
            new ListingEntry(0x401004, new byte[] {0x66, (byte) 0xcf}, ".byte 0x66, 0xcf", List.of(), 4),
            new ListingEntry(0x401006, new byte[] {(byte) 0xcd, (byte) 0xcf}, "int $0xcf", List.of(), 5),
            new ListingEntry(0x401008, new byte[] {(byte) 0xf4}, "hlt", List.of(), 6));

    static Labels labels() {
        Map<String, Long> symbols = new LinkedHashMap<>();
        symbols.put("start", 0x401000L);
        symbols.put("handler", 0x401001L);
        symbols.put("alias", 0x401001L);
        return new Labels(symbols, LISTING);
    }

    @Test
    void anAddressIsNamedByTheNearestLabelAtOrBeforeIt() {
        assertThat(labels().at(0x401000)).isEqualTo("start");
        assertThat(labels().at(0x401001)).as("the first label defined there").isEqualTo("handler");
        assertThat(labels().at(0x401008)).isEqualTo("handler+0x7");
    }

    @Test
    void anAddressOutsideTheProgramStaysHex() {
        assertThat(labels().at(0x400fff)).isEqualTo("0x400fff");
        assertThat(labels().at(0x401009)).isEqualTo("0x401009");
        assertThat(labels().at(0x7ffff8)).isEqualTo("0x7ffff8");
    }

    @Test
    void iretIsToldByItsOpcodeAfterPrefixesOnly() {
        IretSites sites = IretSites.of(LISTING);
        assertThat(sites.contains(0x401001)).as("iretq").isTrue();
        assertThat(sites.contains(0x401003)).as("iret").isTrue();
        assertThat(sites.contains(0x401004)).as("iretw").isTrue();
        assertThat(sites.contains(0x401006)).as("int $0xcf ends in 0xcf but is no IRET").isFalse();
        assertThat(sites.contains(0x401000)).isFalse();
        assertThat(IretSites.of(List.of()).isEmpty()).isTrue();
    }
}
