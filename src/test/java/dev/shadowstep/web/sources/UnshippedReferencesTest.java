package dev.shadowstep.web.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No text a reader sees may cite a document the product does not ship: the private rules file
 * (semantics.md), its numbered conformance cases ("case 5"), its source tags ("[HW-v1-7]",
 * "KVM-2022") or its bare section numbers ("3.3" without "SDM" in front).
 */
class UnshippedReferencesTest {

    /** The tags of the private rules file; a reader cannot resolve any of them. */
    private static final Pattern TAG = Pattern.compile("\\[?\\b(?:DR-final|DR-mainline|DR-GD|HW-v1(?:-\\d)?|HW-v2|SC-codedb"
            + "|v3-shortlog|KVM-2022|KVM-x86|KVM-emu|KVM-hdr|KVM-nested|ST-lib|SC-2021|SC-RF|KUT-dbg|KUT-dr|KUT-vmx"
            + "|ACRN-chk|SDM-p)\\b]?|\\[(?:AK|BX|XEN)]");
    private static final Pattern SEMANTICS = Pattern.compile("semantics(?:\\.md)?\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CASE = Pattern.compile("\\b[Cc]ases? \\d+\\b(?! ->)");
    /** A section number standing alone as a cite: after "(", ";" or "|" with no "SDM" before it. */
    private static final Pattern BARE = Pattern.compile("(?:^|[(;|:]\\s*)(\\d{1,2}\\.\\d{1,2}(?:\\.\\d{1,2})*)(?=[),;:|]|\\s|$)",
            Pattern.MULTILINE);

    @Test
    void noScenarioTemplateDocOrFindingCitesAnUnshippedDocument() {
        assertThat(offences(ShippedTexts.files())).isEmpty();
    }

    @Test
    void noWhySentenceHeldLineOrFindingOfALibraryRunCitesAnUnshippedDocument() {
        assertThat(ShippedTexts.runs()).isNotEmpty();
        assertThat(offences(ShippedTexts.runs())).isEmpty();
    }

    @Test
    void theScanCatchesEachKindOfDeadReference() {
        for (String bad : List.of("(semantics.md 2.1)", "as in case 5", "Hou's reply [HW-v1-7]", "per KVM-2022",
                "the rule (3.3)", "| 4.6 |", "(AK: [AK])")) {
            assertThat(offences(Map.of("sample", bad))).as(bad).isNotEmpty();
        }
        for (String good : List.of("(SDM Vol. 3A 6.8.3)", "SDM 26.6.1-26.6.3", "KVM commit b9bed78e2fa9",
                "shadowstep 0.1.0", "case 4 -> value", "version 2.0.10 of htmx")) {
            assertThat(offences(Map.of("sample", good))).as(good).isEmpty();
        }
    }

    static List<String> offences(Map<String, String> texts) {
        List<String> found = new ArrayList<>();
        texts.forEach((where, text) -> {
            String scanned = Citations.SDM.matcher(text).replaceAll(m -> " ".repeat(m.group().length()));
            for (Pattern p : List.of(SEMANTICS, CASE, TAG, BARE)) {
                for (Matcher m = p.matcher(scanned); m.find(); ) {
                    found.add(where + ": '" + m.group().strip() + "' in \"" + context(text, m.start()) + "\"");
                }
            }
        });
        return found;
    }

    private static String context(String text, int at) {
        return text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 40)).replace('\n', ' ');
    }
}
