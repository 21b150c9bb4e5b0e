package dev.hermeticbuild.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Every {@code ${%...}} text in every Jelly file of the plugin renders as written in a real
 * Jenkins: Stapler reads {@code (...)} as message arguments, so a title like
 * "Provenance store (JDBC URL)" broke the whole System page there.
 */
class JellyMessagesTest {

    static final Path RESOURCES = Path.of("../jenkins-plugin/src/main/resources");

    /** Jelly's rule (jenkinsci/jelly@071e8a0b, CompositeExpression.parse): ${ up to the first } outside quotes; $$ escapes $. */
    static List<String> expressions(String text) {
        List<String> found = new ArrayList<>();
        int i = 0;
        while (i < text.length() - 1) {
            char c = text.charAt(i);
            if (c == '$' && text.charAt(i + 1) == '$') {
                i += 2;
            } else if (c == '$' && text.charAt(i + 1) == '{') {
                StringBuilder expression = new StringBuilder();
                int j = i + 2;
                char quote = 0;
                for (; j < text.length(); j++) {
                    char d = text.charAt(j);
                    if (quote == 0 && d == '}') {
                        break;
                    }
                    if (quote != 0 && d == '\\') {
                        expression.append(d);
                        j++;
                        if (j < text.length()) {
                            expression.append(text.charAt(j));
                        }
                        continue;
                    }
                    if (quote == 0 && (d == '"' || d == '\'')) {
                        quote = d;
                    } else if (d == quote) {
                        quote = 0;
                    }
                    expression.append(d);
                }
                found.add(expression.toString());
                i = j + 1;
            } else {
                i++;
            }
        }
        return found;
    }

    /** Stapler's resource literals inside an ordinary expression ("%text" or '%text'), CustomJellyContext. */
    static final Pattern RESOURCE_LITERAL = Pattern.compile("(\"%[^\"]+\")|('%[^']+')");

    static List<String> messages(String expression) {
        if (expression.startsWith("%")) {
            return List.of(expression);
        }
        List<String> literals = new ArrayList<>();
        Matcher m = RESOURCE_LITERAL.matcher(expression);
        while (m.find()) {
            literals.add(m.group().substring(1, m.group().length() - 1));
        }
        return literals;
    }

    static List<String> texts(Path jelly) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setCoalescing(true);
        Document document = factory.newDocumentBuilder().parse(jelly.toFile());
        document.normalizeDocument();
        List<String> texts = new ArrayList<>();
        collect(document.getDocumentElement(), texts);
        return texts;
    }

    private static void collect(Node node, List<String> texts) {
        NamedNodeMap attributes = node.getAttributes();
        for (int i = 0; attributes != null && i < attributes.getLength(); i++) {
            texts.add(attributes.item(i).getNodeValue());
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                texts.add(child.getNodeValue());
            } else if (child.getNodeType() == Node.ELEMENT_NODE) {
                collect(child, texts);
            }
        }
    }

    static Properties defaultMessages(Path jelly) throws IOException {
        Properties messages = new Properties();
        String name = jelly.getFileName().toString();
        Path file = jelly.resolveSibling(name.substring(0, name.length() - ".jelly".length()) + ".properties");
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                // Stapler reads them as PropertyResourceBundle: UTF-8 since Java 9.
                messages.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        }
        return messages;
    }

    /** Every problem in the plugin's Jelly files, as "file: ${expression}: problem". */
    static List<String> problems(Path root, List<String> checked) throws Exception {
        List<String> problems = new ArrayList<>();
        List<Path> jellies;
        try (Stream<Path> files = Files.walk(root)) {
            jellies = files.filter(f -> f.toString().endsWith(".jelly")).sorted().toList();
        }
        for (Path jelly : jellies) {
            Properties messages = defaultMessages(jelly);
            for (String text : texts(jelly)) {
                for (String expression : expressions(text)) {
                    for (String message : messages(expression)) {
                        checked.add(message);
                        String where = root.relativize(jelly) + ": ${" + expression + "}: ";
                        try {
                            StaplerMessage.parse(message).problem(messages).ifPresent(p -> problems.add(where + p));
                        } catch (IllegalArgumentException e) {
                            problems.add(where + e.getMessage());
                        }
                    }
                }
            }
        }
        return problems;
    }

    @Test
    void everyMessageInThePluginsJellyFilesRendersAsWritten() throws Exception {
        assertTrue(Files.isDirectory(RESOURCES), RESOURCES.toAbsolutePath().toString());
        List<String> checked = new ArrayList<>();
        List<String> problems = problems(RESOURCES, checked);
        assertEquals(List.of(), problems);
        assertTrue(checked.size() > 40, "only " + checked.size() + " messages found: the scan is broken");
        assertTrue(checked.contains("%Builder id"), checked.toString());
    }

    @Test
    void everyDownloadLinkEncodesTheFileName() throws Exception {
        List<String> unencoded = new ArrayList<>();
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            for (Path jelly : files.filter(f -> f.toString().endsWith(".jelly")).toList()) {
                for (String text : texts(jelly)) {
                    int i = text.indexOf("file?name=");
                    if (i >= 0 && !text.startsWith("${h.urlEncode(", i + "file?name=".length())) {
                        unencoded.add(RESOURCES.relativize(jelly) + ": " + text);
                    }
                }
            }
        }
        assertEquals(List.of(), unencoded);
    }

    @Test
    void parenthesesAreArgumentsAsStaplerReadsThem() {
        assertEquals(new StaplerMessage("Provenance store ", List.of("JDBC URL")),
                StaplerMessage.parse("%Provenance store (JDBC URL)"));
        assertEquals(new StaplerMessage("blurb", List.of("a", "f(b,c)", "'x,)'")),
                StaplerMessage.parse("%blurb(a,f(b,c),'x,)')"));
        assertEquals(new StaplerMessage("Trusted public keys", List.of()), StaplerMessage.parse("%Trusted public keys"));
        assertThrows(IllegalArgumentException.class, () -> StaplerMessage.parse("%Broken (no end"));
    }

    @Test
    void argumentsNeedAValueInTheProperties() {
        Properties none = new Properties();
        assertTrue(StaplerMessage.parse("%Trusted public keys (PEM)").problem(none).isPresent());
        assertTrue(StaplerMessage.parse("%Isolation (measured)").problem(none).isPresent());
        assertTrue(StaplerMessage.parse("%Builder id").problem(none).isEmpty());
        Properties values = new Properties();
        values.setProperty("trustedKeys", "Trusted public keys (PEM)");
        values.setProperty("apostrophe", "the build's key");
        values.setProperty("count", "{0} of {1} builds");
        assertTrue(StaplerMessage.parse("%trustedKeys").problem(values).isEmpty());
        assertTrue(StaplerMessage.parse("%apostrophe").problem(values).isPresent());
        assertTrue(StaplerMessage.parse("%count(a,b)").problem(values).isEmpty());
        assertTrue(StaplerMessage.parse("%count(a)").problem(values).isPresent());
    }

    @Test
    void expressionsFollowJellysRule() {
        assertEquals(List.of("%Tier", "a ? '}' : b"), expressions("x ${%Tier} $${no} ${a ? '}' : b} y"));
        assertEquals(List.of("%Provenance"), messages("it.x ? \"%Provenance\" : ''"));
    }
}
