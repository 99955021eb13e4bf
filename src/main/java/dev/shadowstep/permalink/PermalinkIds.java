package dev.shadowstep.permalink;

import java.util.Collection;
import java.util.Optional;

/**
 * Permalink ids: the SHA-256 of a scenario's canonical form, written in a lower-case base32
 * alphabet without look-alike characters (no {@code l}, {@code o}, {@code 0}, {@code 1}), and
 * cut to the shortest prefix of at least {@value #MIN_LENGTH} characters that no other stored
 * hash shares. A prefix that is taken makes the new id longer; an id once given never changes.
 */
public final class PermalinkIds {

    /** 24 letters and 8 digits: 5 bits per character, nothing a reader could confuse in print. */
    public static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    /** The shortest id: 50 bits, so a collision needs about 2^25 links. */
    public static final int MIN_LENGTH = 10;

    /** A whole SHA-256 hash: 256 bits in 52 characters of 5 bits (the last one holds 1 bit). */
    public static final int FULL_LENGTH = 52;

    private PermalinkIds() {}

    /** Returns the 32-byte hash in the id alphabet, most significant bit first: 52 characters. */
    public static String encode(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("expected a 32-byte SHA-256, got " + sha256.length + " bytes");
        }
        StringBuilder out = new StringBuilder(FULL_LENGTH);
        int buffer = 0;
        int bits = 0;
        for (byte b : sha256) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /**
     * Returns the shortest prefix of {@code hash} (at least {@value #MIN_LENGTH} characters) that is
     * longer than its common prefix with every other stored hash, so no two ids are equal.
     */
    public static String shortestUniquePrefix(String hash, Collection<String> storedHashes) {
        int length = MIN_LENGTH;
        for (String other : storedHashes) {
            if (other.equals(hash)) {
                continue;
            }
            length = Math.max(length, commonPrefix(hash, other) + 1);
        }
        return hash.substring(0, Math.min(length, hash.length()));
    }

    /** Returns the first {@value #MIN_LENGTH} characters: the bucket a new hash is compared within. */
    public static String bucket(String hash) {
        return hash.substring(0, MIN_LENGTH);
    }

    /**
     * Returns why {@code id} cannot be a permalink id (length, alphabet, look-alike characters), or
     * empty when it is well formed. Checked before the store is asked.
     */
    public static Optional<String> problem(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.of("the link has no id; a permalink looks like /s/" + example());
        }
        if (id.length() < MIN_LENGTH || id.length() > FULL_LENGTH) {
            return Optional.of("'" + shorten(id) + "' is " + id.length() + " characters long, but ids are "
                    + MIN_LENGTH + " to " + FULL_LENGTH + " characters; check that the whole link was copied");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (ALPHABET.indexOf(c) < 0) {
                return Optional.of("'" + shorten(id) + "' has '" + c + "' at position " + (i + 1)
                        + ", which ids never use" + lookAlikeHint(c)
                        + "; ids use only a-z without l and o, and the digits 2-9");
            }
        }
        return Optional.empty();
    }

    private static String lookAlikeHint(char c) {
        return switch (c) {
            case 'l', '1', 'I' -> " (perhaps it was 'i' or 'j' before copying)";
            case 'o', '0', 'O' -> " (ids have no o or 0: perhaps it was 'q' or 'd')";
            default -> Character.isUpperCase(c) ? " (ids are lower case)" : "";
        };
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static String shorten(String id) {
        return id.length() <= 60 ? id : id.substring(0, 57) + "...";
    }

    private static String example() {
        return "k3x9f2a7qd";
    }
}
