package dev.shadowstep.scenario;

import dev.shadowstep.core.asm.Spelling;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts scalar nodes to typed values. Each method reports a located error and returns null
 * when the node is not what the field needs, so that reading goes on and every error is found.
 */
final class Values {

    private Values() {}

    static final String INTEGER = "an integer (decimal or 0x hex)";
    private static final Pattern NUMBER = Pattern.compile("(-?)(?:0[xX]([0-9a-fA-F]+)|([0-9]+))");
    /** A GNU as symbol name, optionally with a constant offset. */
    static final Pattern LABEL = Pattern.compile("[A-Za-z_.$][A-Za-z0-9_.$]*");
    private static final Pattern LABEL_EXPR = Pattern.compile(
            "(" + LABEL.pattern() + ")\\s*(?:([+-])\\s*(0[xX][0-9a-fA-F]+|[0-9]+))?");

    /** Returns the integer in range, or null after reporting why not. */
    static Long integer(Node node, String path, Errors errors, IntRange range) {
        BigInteger value = bigInteger(node, path, errors, INTEGER, range);
        return value == null ? null : value.longValue();
    }

    /** Returns an int-sized integer in range (the range must fit an int), or null. */
    static Integer smallInt(Node node, String path, Errors errors, IntRange range) {
        Long value = integer(node, path, errors, range);
        return value == null ? null : value.intValue();
    }

    private static BigInteger bigInteger(Node node, String path, Errors errors, String expected, IntRange range) {
        String text = numberText(node);
        if (text == null) {
            errors.add(path, node.location(), "expected " + expected + ", found " + node.describe());
            return null;
        }
        Matcher m = NUMBER.matcher(text);
        if (!m.matches()) {
            errors.add(path, node.location(), "expected " + expected + ", found " + node.describe()
                    + "; write digits only, e.g. 255 or 0xff");
            return null;
        }
        if (m.group(3) != null && m.group(3).length() > 1 && m.group(3).startsWith("0")) {
            errors.add(path, node.location(), "'" + text + "' has a leading zero, which GNU as would read as octal; "
                    + "write it without the leading zero, or in hex with 0x");
            return null;
        }
        BigInteger value = m.group(2) != null ? new BigInteger(m.group(2), 16) : new BigInteger(m.group(3));
        if (!m.group(1).isEmpty()) value = value.negate();
        if (!range.contains(value)) {
            errors.add(path, node.location(), text + " is out of range for " + range.noun() + ": use a value in "
                    + range.describe());
            return null;
        }
        return value;
    }

    /** Returns the scalar's text if it could be a number (plain or quoted), else null. */
    private static String numberText(Node node) {
        if (node instanceof Node.Scalar s && (s.kind() == Node.Kind.STRING || s.kind() == Node.Kind.INTEGER)) {
            return s.text().strip();
        }
        return null;
    }

    /** Returns the scalar as text (a number or boolean is taken as written), or null. */
    static String text(Node node, String path, Errors errors) {
        if (node instanceof Node.Scalar s && switch (s.kind()) {
            case STRING, INTEGER, FLOAT, BOOLEAN -> true;
            default -> false;
        }) {
            return s.text();
        }
        errors.add(path, node.location(), "expected a string, found " + node.describe());
        return null;
    }

    /** Returns true or false, or null. */
    static Boolean bool(Node node, String path, Errors errors) {
        if (node instanceof Node.Scalar s && (s.kind() == Node.Kind.BOOLEAN || s.kind() == Node.Kind.STRING)) {
            if (s.text().equalsIgnoreCase("true")) return true;
            if (s.text().equalsIgnoreCase("false")) return false;
        }
        errors.add(path, node.location(), "expected true or false, found " + node.describe());
        return null;
    }

    /** Returns the value a word stands for (words in the order the message lists them), or null. */
    static <T> T word(Node node, String path, Errors errors, Map<String, T> words) {
        if (node instanceof Node.Scalar s && s.kind() != Node.Kind.NULL && s.kind() != Node.Kind.ALIAS) {
            T value = words.get(s.text().strip());
            if (value != null) return value;
        }
        String typed = node instanceof Node.Scalar s ? s.text() : "";
        errors.add(path, node.location(), "expected one of " + String.join(", ", words.keySet()) + ", found "
                + node.describe() + ";" + or(Spelling.didYouMean(typed, words.keySet()), " use one of these words"));
        return null;
    }

    /** Returns a number or {@code label}, {@code label+N}, {@code label-N}, or null. */
    static Address address(Node node, String path, Errors errors) {
        String expected = INTEGER + " or a label";
        String text = numberText(node);
        if (text != null && !text.isEmpty() && (Character.isDigit(text.charAt(0)) || text.startsWith("-"))) {
            BigInteger value = bigInteger(node, path, errors, expected, IntRange.U64);
            return value == null ? null : new Address.Absolute(value.longValue());
        }
        Matcher m = text == null ? null : LABEL_EXPR.matcher(text);
        if (m == null || !m.matches()) {
            errors.add(path, node.location(), "expected " + expected + ", found " + node.describe()
                    + (text == null ? "" : "; write e.g. 0x401000, start or start+4"));
            return null;
        }
        long offset = 0;
        if (m.group(3) != null) {
            String digits = m.group(3);
            BigInteger n = digits.startsWith("0x") || digits.startsWith("0X")
                    ? new BigInteger(digits.substring(2), 16) : new BigInteger(digits);
            if (n.bitLength() > 31) {
                errors.add(path, node.location(), "the offset in '" + text + "' is too large: use at most 0x7fffffff");
                return null;
            }
            offset = m.group(2).equals("-") ? -n.longValue() : n.longValue();
        }
        return new Address.LabelRef(m.group(1), offset, path, node.location().line(), node.location().column());
    }

    /** Returns the items of a list, or null. */
    static List<Node> list(Node node, String path, Errors errors, String example) {
        if (node instanceof Node.ListNode list) return list.items();
        errors.add(path, node.location(), "expected a list, found " + node.describe() + "; write it as " + example);
        return null;
    }

    private static String or(String hint, String otherwise) {
        return hint.isEmpty() ? otherwise : hint;
    }
}
