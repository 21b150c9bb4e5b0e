package dev.hermeticbuild.admission;

import java.util.regex.Pattern;

/** Globs as regular expressions: {@code *} stops at the separator, {@code **} does not. */
final class Globs {

    private Globs() {
    }

    /** The regular expression of {@code glob}, whose {@code *} does not match {@code separator}. */
    static String regex(String glob, char separator) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^\\").append(separator).append("]*");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
