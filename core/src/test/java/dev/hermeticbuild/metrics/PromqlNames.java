package dev.hermeticbuild.metrics;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names and {@code window} label values a PromQL expression reads. */
final class PromqlNames {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "Inf", "NaN", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![a-zA-Z0-9_:.$])([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\()?");
    private static final Pattern WINDOW = Pattern.compile("window\\s*(=~|=)\\s*\"([^\"]*)\"");

    private PromqlNames() {
    }

    /** The metrics read: identifiers that are neither functions, keywords, labels nor durations. */
    static Set<String> metrics(String expr) {
        String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> out = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            if (m.group(2) == null && !KEYWORDS.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The values of {@code window} matchers ({@code =~"5m|1h"} gives both). */
    static Set<String> windows(String expr) {
        Set<String> out = new TreeSet<>();
        Matcher m = WINDOW.matcher(expr);
        while (m.find()) {
            out.addAll(Set.of(m.group(2).split("\\|")));
        }
        return out;
    }
}
