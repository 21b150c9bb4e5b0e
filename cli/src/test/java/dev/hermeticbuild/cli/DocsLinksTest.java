package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs a newcomer reads can be trusted to lead somewhere: every relative link in README.md
 * and docs/ resolves to a file (and a markdown anchor to a heading of it), and every test class
 * the docs cite, with its method where one is named, exists in the repository.
 */
class DocsLinksTest {

    /** Pages produced by other parts of the build (the generated CLI reference, the alerting guide): a link may precede them. */
    static final Set<String> WRITTEN_ELSEWHERE = Set.of("docs/reference/cli.md", "docs/how-to/alerting.md");

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\(([^)\\s]+)\\)");
    static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    static final Pattern TEST_NAME = Pattern.compile("(?<![\\w*.])([A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*(?:Test|IT))(?:#([a-zA-Z_][\\w]*))?\\b");

    @Test
    void everyRelativeLinkResolvesToAFileAndAHeading() {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            for (String line : prose(doc)) {
                Matcher m = LINK.matcher(line);
                while (m.find()) {
                    String problem = check(doc, m.group(2));
                    if (problem != null) {
                        broken.add(ROOT.relativize(doc) + ": [" + m.group(1) + "](" + m.group(2) + "): " + problem);
                    }
                }
            }
        }
        assertEquals(List.of(), broken, "broken links");
    }

    @Test
    void everyTestTheDocsCiteExists() {
        Map<String, Path> tests = testSources();
        List<String> missing = new ArrayList<>();
        List<Path> citing = new ArrayList<>(documents());
        citing.addAll(files(ROOT.resolve("pipeline-library/resources"), ".yaml"));
        citing.addAll(files(ROOT.resolve("agent-image"), ".yaml"));
        for (Path doc : citing) {
            Matcher m = TEST_NAME.matcher(read(doc));
            while (m.find()) {
                Path source = tests.get(m.group(1));
                if (source == null) {
                    missing.add(ROOT.relativize(doc) + ": " + m.group(1) + " is not a test class in the repository");
                } else if (m.group(2) != null && !Pattern.compile("void\\s+" + m.group(2) + "\\s*\\(").matcher(read(source)).find()) {
                    missing.add(ROOT.relativize(doc) + ": " + m.group(1) + " has no test method " + m.group(2));
                }
            }
        }
        assertEquals(List.of(), missing, "tests cited by the docs");
    }

    @Test
    void theCheckerItselfFindsABrokenLinkAndAnUnknownAnchor() {
        Path readme = ROOT.resolve("README.md");
        assertTrue(check(readme, "docs/no-such-page.md").startsWith("no file "));
        assertTrue(check(readme, "docs/tutorial.md#no-such-heading").startsWith("no heading "));
        assertEquals(null, check(readme, "docs/tutorial.md#1-the-demo"));
        assertEquals(null, check(readme, "https://example.com/anything"));
    }

    /** Null when {@code target}, as written in {@code doc}, resolves; else what is wrong. */
    static String check(Path doc, String target) {
        if (SCHEME.matcher(target).find()) {
            return null;
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? "" : target.substring(hash + 1);
        Path file = path.isEmpty() ? doc : doc.getParent().resolve(path).normalize();
        if (!file.startsWith(ROOT)) {
            return "points outside the repository";
        }
        if (!Files.exists(file)) {
            return WRITTEN_ELSEWHERE.contains(ROOT.relativize(file).toString().replace('\\', '/')) ? null : "no file " + file;
        }
        if (!anchor.isEmpty() && file.toString().endsWith(".md") && !anchors(file).contains(anchor)) {
            return "no heading " + anchor + " in " + ROOT.relativize(file);
        }
        return null;
    }

    /** GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
    static Set<String> anchors(Path file) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(file)) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                String text = m.group(1).replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
                String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
                int n = seen.merge(slug, 1, Integer::sum);
                anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
            }
        }
        return anchors;
    }

    /** The lines of a markdown file outside fenced and indented code blocks. */
    static List<String> prose(Path file) {
        List<String> lines = new ArrayList<>();
        boolean fenced = false;
        for (String line : read(file).split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && !line.startsWith("    ")) {
                lines.add(line);
            }
        }
        return lines;
    }

    static List<Path> documents() {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        docs.addAll(files(ROOT.resolve("docs"), ".md"));
        assertTrue(docs.size() > 10, "the docs were not found under " + ROOT);
        return docs;
    }

    /** Every test source of every module, by class name. */
    static Map<String, Path> testSources() {
        Map<String, Path> tests = new HashMap<>();
        for (String dir : List.of("core/src/test", "cli/src/test", "jenkins-plugin/src/test", "jenkins-plugin-compile/src/test",
                "pipeline-library/test")) {
            for (Path f : files(ROOT.resolve(dir), ".java")) {
                String name = f.getFileName().toString();
                tests.put(name.substring(0, name.length() - ".java".length()), f);
            }
        }
        return tests;
    }

    static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
