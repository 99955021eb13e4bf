package dev.shadowstep.permalink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermalinkIdsTest {

    private static final String B = "b".repeat(42);

    @Test
    void aHashIsWrittenIn52CharactersOfTheAlphabet() {
        byte[] hash = new byte[32];
        Arrays.fill(hash, (byte) 0x5a);
        String encoded = PermalinkIds.encode(hash);
        assertThat(encoded).hasSize(PermalinkIds.FULL_LENGTH);
        assertThat(encoded.chars()).allMatch(c -> PermalinkIds.ALPHABET.indexOf(c) >= 0);
    }

    @Test
    void encodingTakesFiveBitsPerCharacterMostSignificantFirst() {
        byte[] hash = new byte[32];
        hash[0] = (byte) 0b00001_010; // groups 00001 = 1 ('b'), then 010 and two zero bits = 8 ('i')
        hash[31] = 1;                 // bit 255 is the top bit of the last character: 10000 = 16 ('s')
        String encoded = PermalinkIds.encode(hash);
        assertThat(encoded).startsWith("bia").endsWith("aas");
        assertThat(PermalinkIds.encode(new byte[32])).isEqualTo("a".repeat(52));
    }

    @Test
    void theAlphabetHasNoLookAlikeCharacters() {
        assertThat(PermalinkIds.ALPHABET).hasSize(32).doesNotContain("l", "o", "0", "1");
        assertThat(PermalinkIds.ALPHABET.chars().distinct().count()).isEqualTo(32);
    }

    @Test
    void aHashWithNoNeighbourGetsTenCharacters() {
        String hash = "abcdefghij" + B;
        assertThat(PermalinkIds.shortestUniquePrefix(hash, List.of())).isEqualTo("abcdefghij");
        assertThat(PermalinkIds.shortestUniquePrefix(hash, List.of(hash))).isEqualTo("abcdefghij");
    }

    @Test
    void aHashSharingItsFirstTwelveCharactersGetsThirteen() {
        String stored = "abcdefghijkm" + "c".repeat(40);
        String fresh = "abcdefghijkm" + "d".repeat(40);
        assertThat(PermalinkIds.shortestUniquePrefix(fresh, List.of(stored))).isEqualTo("abcdefghijkmd");
    }

    @Test
    void wellFormedIdsHaveNoProblem() {
        assertThat(PermalinkIds.problem("abcdefghij")).isEmpty();
        assertThat(PermalinkIds.problem("a".repeat(52))).isEmpty();
    }

    @Test
    void idsOfTheWrongLengthAreRefusedWithTheAllowedLengths() {
        assertThat(PermalinkIds.problem("abc")).get().asString().contains("3 characters long", "10 to 52");
        assertThat(PermalinkIds.problem("a".repeat(53))).get().asString().contains("10 to 52");
        assertThat(PermalinkIds.problem("")).get().asString().contains("no id");
    }

    @Test
    void lookAlikeAndUpperCaseCharactersAreNamedWithAHint() {
        assertThat(PermalinkIds.problem("abcdefgh0j")).get().asString().contains("'0' at position 9", "no o or 0");
        assertThat(PermalinkIds.problem("abcdefghlj")).get().asString().contains("'l' at position 9");
        assertThat(PermalinkIds.problem("ABCDEFGHIJ")).get().asString().contains("lower case");
        assertThat(PermalinkIds.problem("abcdefghi/")).get().asString().contains("'/'");
    }
}
