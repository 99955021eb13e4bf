package dev.shadowstep.web.run;

import dev.shadowstep.permalink.PermalinkIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Run ids are content addresses: the SHA-256 of the engine version, the permalink the run belongs
 * to (its trace names it) and the scenario text exactly as run, in the permalink id alphabet, cut
 * to {@value #LENGTH} characters (60 bits). So every instance, before and after a restart, gives
 * the same run the same id, and can make it again from the text alone.
 *
 * <p>The text is hashed as written, not in the permalink's canonical form: the run page shows the
 * listing with the text's own line numbers and the editor reopens the text, so two texts that mean
 * the same but are laid out differently are two runs. A variant of a comparison is part of the text
 * (switches rewrite it), so each side has its own id.
 */
public final class RunIds {

    /** Characters of an id: 60 bits, so a clash needs about a billion stored drafts. */
    public static final int LENGTH = 12;

    private RunIds() {}

    /** Returns the full hash (52 characters) of a run of {@code text} by {@code engine}, for {@code permalink} or null. */
    public static String hash(String engine, String permalink, String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String key = "shadowstep-run/1\n" + engine + "\n" + (permalink == null ? "" : permalink) + "\n" + text;
            return PermalinkIds.encode(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Returns the id of a full hash. */
    public static String id(String hash) {
        return hash.substring(0, LENGTH);
    }

    /** Returns whether {@code id} could be a run id (length and alphabet), so a malformed one is never looked up. */
    public static boolean wellFormed(String id) {
        if (id == null || id.length() != LENGTH) return false;
        for (int i = 0; i < id.length(); i++) {
            if (PermalinkIds.ALPHABET.indexOf(id.charAt(i)) < 0) return false;
        }
        return true;
    }
}
