package dev.hermeticbuild.lock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pip's {@code requirements.txt} in hash-checking form: {@code name==version --hash=sha256:HEX}
 * (continuation lines joined). Requirements without {@code ==} or without a hash are read, and
 * left for {@link PinPolicy} to refuse.
 */
public final class PipRequirements {

    public static final String FILE = "requirements.txt";
    private static final Pattern REQUIREMENT = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)(\\[[^]]*])?\\s*(.*)$");
    private static final Pattern HASH = Pattern.compile("--hash[= ](sha256|sha384|sha512):([0-9a-fA-F]+)");

    private PipRequirements() {
    }

    public static List<LockedDependency> read(Path file) {
        List<LockfileLines.Line> lines = LockfileLines.read(file, FILE).lines();
        List<LockedDependency> deps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            LockfileLines.Line first = lines.get(i);
            StringBuilder logical = new StringBuilder(stripComment(first.text()));
            while (logical.toString().endsWith("\\") && i + 1 < lines.size()) {
                logical.setLength(logical.length() - 1);
                logical.append(' ').append(stripComment(lines.get(++i).text()));
            }
            String text = logical.toString().strip();
            if (text.isEmpty() || text.startsWith("-")) {
                continue;
            }
            Matcher m = REQUIREMENT.matcher(text);
            if (!m.matches()) {
                throw first.error("'" + text + "' is not a requirement");
            }
            String name = m.group(1).toLowerCase(Locale.ROOT).replace('_', '-');
            String rest = m.group(3);
            String spec = rest.split("--hash|;")[0].strip();
            String version = spec.startsWith("==") && !spec.contains(",") && !spec.contains("*") ? spec.substring(2).strip() : spec;
            Map<String, String> digests = new LinkedHashMap<>();
            Matcher h = HASH.matcher(rest);
            while (h.find()) {
                digests.putIfAbsent(h.group(1), h.group(2).toLowerCase(Locale.ROOT));
            }
            deps.add(new LockedDependency("pypi", name, version, digests, Optional.empty(),
                    "pkg:pypi/" + name + "@" + version, List.of(), FILE, first.number()));
        }
        return deps;
    }

    private static String stripComment(String line) {
        int hash = line.indexOf(" #");
        return (line.startsWith("#") ? "" : hash >= 0 ? line.substring(0, hash) : line).stripTrailing();
    }
}
