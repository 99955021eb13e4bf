package dev.shadowstep.web.sources;

import java.util.List;

/**
 * One public source a citation can name: an SDM section, a KVM or kvm-unit-tests function, a commit,
 * a lore.kernel.org message.
 *
 * @param id      stable anchor on the /sources page
 * @param kind    sdm, kvm-commit, kvm-code, kvm-selftest, kvm-unit-tests, lore, bochs or xen
 * @param cite    how the texts write the citation, e.g. "SDM Vol. 3A 6.8.3"
 * @param section for SDM entries, the section, table or instruction ("6.8.3", "Table 6-2", "STI"); else empty
 * @param title   what the source is called where it lives
 * @param url     where a reader opens it
 * @param matches other spellings that count as citing it (function names, commit and message ids)
 */
public record Source(String id, String kind, String cite, String section, String title, String url,
                     List<String> matches) {

    public Source {
        section = section == null ? "" : section;
        matches = matches == null ? List.of() : List.copyOf(matches);
    }

    /** Returns the heading the /sources page files this source under. */
    public String kindName() {
        return switch (kind) {
            case "sdm" -> "Intel SDM";
            case "kvm-commit" -> "KVM commits";
            case "kvm-code", "kvm-selftest" -> "KVM code and selftests";
            case "kvm-unit-tests" -> "kvm-unit-tests";
            case "lore" -> "Mailing-list threads (lore.kernel.org)";
            default -> "Other implementations";
        };
    }
}
