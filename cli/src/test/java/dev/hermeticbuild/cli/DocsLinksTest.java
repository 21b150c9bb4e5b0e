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
import picocli.CommandLine;

/**
 * The docs a newcomer reads can be trusted to lead somewhere: every relative link in README.md
 * and docs/ resolves to a file (and a markdown anchor to a heading of it), and every test class
 * the docs cite, with its method where one is named, exists in the repository; every
 * {@code hermetic} command line they show names a real command and only its real options.
 */
class DocsLinksTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\(([^)\\s]+)\\)");
    static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    static final Pattern COMMAND_LINE = Pattern.compile("(?:^|(?<=[\\s'\"(`]))(?:bin/)?hermetic ([a-z][a-z-]*)((?: [a-z][a-z-]*)?)([^|;&>#]*)");
    static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*)");
    static final Pattern INLINE_CODE = Pattern.compile("`([^`]*)`");
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
    void everyCommandLineTheDocsShowUsesRealCommandsAndOptions() {
        List<String> wrong = new ArrayList<>();
        for (Path doc : documents()) {
            for (String line : commandLines(doc)) {
                String problem = checkCommandLine(line);
                if (problem != null) {
                    wrong.add(ROOT.relativize(doc) + ": " + problem + " in: " + line.strip());
                }
            }
        }
        assertEquals(List.of(), wrong, "command lines in the docs");
    }

    @Test
    void theCheckerItselfFindsABrokenLinkAndAnUnknownAnchor() {
        Path readme = ROOT.resolve("README.md");
        assertTrue(check(readme, "docs/no-such-page.md").startsWith("no file "));
        assertTrue(check(readme, "docs/tutorial.md#no-such-heading").startsWith("no heading "));
        assertEquals(null, check(readme, "docs/tutorial.md#1-the-demo"));
        assertEquals(null, check(readme, "https://example.com/anything"));
        assertEquals(null, checkCommandLine("bin/hermetic store query --digest sha256:ab --json | jq -r .records --bogus"));
        assertEquals(null, checkCommandLine("hermetic build --tier release -- make --no-such-make-flag"));
        assertEquals("hermetic verify has no option --no-such-flag", checkCommandLine("hermetic verify --pub k.pub --no-such-flag"));
        assertEquals("no command hermetic frobnicate", checkCommandLine("`hermetic frobnicate --x`"));
        assertEquals("no command hermetic store frob", checkCommandLine("hermetic store frob --digest x"));
        assertEquals(null, checkCommandLine("#   - builder id https://ci-7.example.com/hermetic not allowed"));
    }

    /**
     * Null when every {@code hermetic CMD [SUB]} on the line is a command and every {@code --option}
     * before {@code --}, a pipe or a comment is one of its options; else what is wrong.
     */
    static String checkCommandLine(String line) {
        CommandLine root = HermeticCommand.commandLine();
        Matcher m = COMMAND_LINE.matcher(line);
        while (m.find()) {
            CommandLine command = root.getSubcommands().get(m.group(1));
            if (command == null) {
                return "no command hermetic " + m.group(1);
            }
            String sub = m.group(2).strip();
            if (!command.getSubcommands().isEmpty() && !sub.isEmpty()) {
                command = command.getSubcommands().get(sub);
                if (command == null) {
                    return "no command hermetic " + m.group(1) + " " + sub;
                }
            }
            String options = (" " + m.group(2) + m.group(3) + " ").split(" -- ", 2)[0];
            Matcher o = OPTION.matcher(options);
            while (o.find()) {
                if (command.getCommandSpec().findOption(o.group(1)) == null) {
                    return "hermetic " + command.getCommandSpec().qualifiedName(" ").replaceFirst("^hermetic ", "")
                            + " has no option " + o.group(1);
                }
            }
        }
        return null;
    }

    /** Command lines a reader may copy: code blocks (continuation lines joined) and inline code. */
    static List<String> commandLines(Path file) {
        List<String> lines = new ArrayList<>();
        String[] all = read(file).split("\n", -1);
        boolean fenced = false;
        for (int i = 0; i < all.length; i++) {
            String line = all[i];
            if (line.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced || line.startsWith("    ")) {
                StringBuilder joined = new StringBuilder(line);
                while (joined.toString().stripTrailing().endsWith("\\") && i + 1 < all.length) {
                    String head = joined.toString().stripTrailing();
                    joined = new StringBuilder(head.substring(0, head.length() - 1)).append(' ').append(all[++i]);
                }
                lines.add(joined.toString());
            } else {
                Matcher m = INLINE_CODE.matcher(line);
                while (m.find()) {
                    lines.add(m.group(1));
                }
            }
        }
        return lines;
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
            return "no file " + file;
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
