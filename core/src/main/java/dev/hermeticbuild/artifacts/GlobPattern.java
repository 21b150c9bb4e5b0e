package dev.hermeticbuild.artifacts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A path glob with the meaning Ant, Gradle and Jenkins' {@code archiveArtifacts} give it: a
 * {@code **} segment matches zero or more directories, {@code *} and {@code ?} stay within one
 * name, {@code [abc]} and {@code {a,b}} choose, and a pattern ending in {@code /} names everything
 * under that directory. Empty and {@code .} segments are ignored on both sides.
 */
final class GlobPattern {

    private static final String ANY_DIRECTORIES = "**";

    /** Per pattern segment: {@code null} for {@code **}, otherwise the regex one name must match. */
    private final List<Pattern> segments;

    private GlobPattern(List<Pattern> segments) {
        this.segments = segments;
    }

    static GlobPattern compile(String glob) {
        List<String> names = names(glob);
        if (glob.endsWith("/")) {
            names.add(ANY_DIRECTORIES);
        }
        List<Pattern> compiled = new ArrayList<>();
        for (String name : names) {
            compiled.add(name.equals(ANY_DIRECTORIES) ? null : Pattern.compile(regex(name)));
        }
        return new GlobPattern(java.util.Collections.unmodifiableList(compiled));
    }

    /** Whether the glob holds a wildcard or a choice anywhere, i.e. it is not one literal path. */
    static boolean hasWildcard(String name) {
        return name.matches(".*[*?\\[{].*");
    }

    /** Whether {@code relative} (a path relative to where the glob is rooted) matches. */
    boolean matches(Path relative) {
        return matches(0, names(relative.toString()), 0);
    }

    private boolean matches(int at, List<String> path, int from) {
        if (at == segments.size()) {
            return from == path.size();
        }
        Pattern segment = segments.get(at);
        if (segment == null) {
            for (int skip = from; skip <= path.size(); skip++) {
                if (matches(at + 1, path, skip)) {
                    return true;
                }
            }
            return false;
        }
        return from < path.size() && segment.matcher(path.get(from)).matches() && matches(at + 1, path, from + 1);
    }

    static List<String> names(String path) {
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (!name.isEmpty() && !name.equals(".")) {
                names.add(name);
            }
        }
        return names;
    }

    private static String regex(String name) {
        StringBuilder regex = new StringBuilder();
        boolean inChoice = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                case '[' -> {
                    int close = name.indexOf(']', i + 2);
                    if (close < 0) {
                        regex.append("\\[");
                        break;
                    }
                    String members = name.substring(i + 1, close);
                    boolean negated = members.startsWith("!") || members.startsWith("^");
                    regex.append(negated ? "[^" : "[").append(classMembers(negated ? members.substring(1) : members)).append(']');
                    i = close;
                }
                case '{' -> {
                    if (inChoice) {
                        regex.append("\\{");
                    } else {
                        inChoice = true;
                        regex.append("(?:");
                    }
                }
                case '}' -> {
                    regex.append(inChoice ? ")" : "\\}");
                    inChoice = false;
                }
                case ',' -> regex.append(inChoice ? "|" : ",");
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (inChoice) {
            throw new IllegalArgumentException("an unclosed '{' in '" + name + "'");
        }
        return regex.toString();
    }

    private static String classMembers(String members) {
        StringBuilder escaped = new StringBuilder();
        for (char c : members.toCharArray()) {
            if (c == '-') {
                escaped.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                escaped.append(c);
            } else {
                escaped.append('\\').append(c);
            }
        }
        return escaped.toString();
    }
}
