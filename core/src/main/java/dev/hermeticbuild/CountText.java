package dev.hermeticbuild;

/** A number with its noun, singular or plural as people write it: "1 file", "2 files", "3 entries". */
public final class CountText {

    private CountText() {
    }

    /** {@code n} and {@code noun}, made plural by the usual English rule when {@code n} is not 1. */
    public static String of(long n, String noun) {
        return of(n, noun, plural(noun));
    }

    /** {@code n} and {@code singular} or {@code plural}. */
    public static String of(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    private static String plural(String noun) {
        if (noun.endsWith("y") && noun.length() > 1 && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        if (noun.endsWith("s") || noun.endsWith("x") || noun.endsWith("ch") || noun.endsWith("sh")) {
            return noun + "es";
        }
        return noun + "s";
    }
}
