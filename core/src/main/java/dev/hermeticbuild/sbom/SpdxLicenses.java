package dev.hermeticbuild.sbom;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.util.LicenseResolver;

/**
 * Declared licenses (POM names and URLs, npm {@code license} fields) as SPDX ids or expressions,
 * through the resolver cyclonedx-core-java ships; a name it cannot map stays a name and is
 * reported as unresolved. Results are memoized: the resolver takes milliseconds per name.
 */
final class SpdxLicenses {

    /** What one declared license became: an SPDX id or expression, or the name as declared. */
    record Resolved(Optional<String> spdx, boolean expression, String declared) {
    }

    private static final Pattern EXPRESSION_TOKENS = Pattern.compile("\\(|\\)|\\s+");
    private static final Map<String, Optional<String>> IDS = new ConcurrentHashMap<>();

    private SpdxLicenses() {
    }

    /** The SPDX form of one declared license (a name, URL, id or expression). */
    static Resolved resolve(String declared) {
        String text = declared.strip();
        Optional<String> id = id(text);
        if (id.isPresent()) {
            return new Resolved(id, id.get().contains(" "), declared);
        }
        Optional<String> expression = expression(text);
        return new Resolved(expression, expression.isPresent(), declared);
    }

    /** Whether a declared license maps to SPDX. */
    static boolean resolves(String declared) {
        return resolve(declared).spdx().isPresent();
    }

    /** The CycloneDX licenses for declared ones: one expression alone, or SPDX ids and names. */
    static Optional<LicenseChoice> choice(List<Resolved> licenses) {
        if (licenses.isEmpty()) {
            return Optional.empty();
        }
        LicenseChoice choice = new LicenseChoice();
        if (licenses.stream().anyMatch(Resolved::expression)) {
            // CycloneDX allows one expression and nothing beside it: several licenses become one AND expression.
            List<String> parts = new ArrayList<>();
            for (Resolved r : licenses) {
                if (r.spdx().isEmpty()) {
                    return Optional.of(named(licenses));
                }
                parts.add(licenses.size() > 1 && r.expression() ? "(" + r.spdx().get() + ")" : r.spdx().get());
            }
            choice.setExpression(new Expression(String.join(" AND ", parts)));
            return Optional.of(choice);
        }
        return Optional.of(named(licenses));
    }

    private static LicenseChoice named(List<Resolved> licenses) {
        LicenseChoice choice = new LicenseChoice();
        for (Resolved r : licenses) {
            License l = new License();
            if (r.spdx().isPresent() && !r.expression()) {
                l.setId(r.spdx().get());
            } else {
                l.setName(r.declared().strip());
            }
            choice.addLicense(l);
        }
        return choice;
    }

    /** A single license name, URL or id as the library maps it; an expression the library itself returns counts too. */
    private static Optional<String> id(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return IDS.computeIfAbsent(text, t -> {
            LicenseChoice c = LicenseResolver.resolve(t, false);
            if (c == null) {
                return Optional.empty();
            }
            if (c.getExpression() != null && c.getExpression().getValue() != null) {
                return Optional.of(c.getExpression().getValue());
            }
            if (c.getLicenses() != null && c.getLicenses().size() == 1 && c.getLicenses().get(0).getId() != null) {
                return Optional.of(c.getLicenses().get(0).getId());
            }
            return Optional.empty();
        });
    }

    /**
     * An SPDX expression ({@code MIT OR Apache-2.0}, {@code (GPL-2.0-only WITH Classpath-exception-2.0)}):
     * each id must be one the library knows as itself; the grammar is SPDX's AND/OR/WITH with parentheses.
     */
    private static Optional<String> expression(String text) {
        List<String> tokens = new ArrayList<>();
        var m = EXPRESSION_TOKENS.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                tokens.add(text.substring(last, m.start()));
            }
            if (!m.group().isBlank()) {
                tokens.add(m.group());
            }
            last = m.end();
        }
        if (last < text.length()) {
            tokens.add(text.substring(last));
        }
        if (tokens.size() < 3 || !wellFormed(tokens)) {
            return Optional.empty();
        }
        return Optional.of(String.join(" ", tokens).replace("( ", "(").replace(" )", ")"));
    }

    private static boolean wellFormed(List<String> tokens) {
        int depth = 0;
        boolean expectOperand = true;
        for (String t : tokens) {
            switch (t) {
                case "(" -> {
                    if (!expectOperand) {
                        return false;
                    }
                    depth++;
                }
                case ")" -> {
                    if (expectOperand || --depth < 0) {
                        return false;
                    }
                }
                case "AND", "OR", "WITH" -> {
                    if (expectOperand) {
                        return false;
                    }
                    expectOperand = true;
                }
                default -> {
                    String id = t.endsWith("+") ? t.substring(0, t.length() - 1) : t;
                    if (!expectOperand || !(isId(id) || id.startsWith("LicenseRef-"))) {
                        return false;
                    }
                    expectOperand = false;
                }
            }
        }
        return depth == 0 && !expectOperand;
    }

    private static boolean isId(String token) {
        return id(token).map(token::equals).orElse(false);
    }
}
