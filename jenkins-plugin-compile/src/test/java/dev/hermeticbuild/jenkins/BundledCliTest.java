package dev.hermeticbuild.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The CLI jar the .hpi bundles starts with {@code java -jar}: in a real Jenkins the bundled
 * artifact was the thin hermetic-cli jar and every step died with "no main manifest attribute".
 */
class BundledCliTest {

    /** The ship-cli artifactItem's coordinates in a POM, without version and destination. */
    static Map<String, String> shippedCoordinates(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        NodeList executions = factory.newDocumentBuilder().parse(pom.toFile()).getElementsByTagName("execution");
        for (int i = 0; i < executions.getLength(); i++) {
            Element execution = (Element) executions.item(i);
            if (!"ship-cli".equals(text(execution, "id"))) {
                continue;
            }
            Element item = (Element) execution.getElementsByTagName("artifactItem").item(0);
            Map<String, String> coordinates = new LinkedHashMap<>();
            for (String name : List.of("groupId", "artifactId", "type", "classifier")) {
                coordinates.put(name, text(item, name));
            }
            return coordinates;
        }
        throw new AssertionError(pom + " has no ship-cli execution");
    }

    private static String text(Element parent, String name) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }

    @Test
    void thisModuleCopiesTheArtifactThePluginBundles() throws Exception {
        Map<String, String> plugin = shippedCoordinates(Path.of("../jenkins-plugin/pom.xml"));
        assertEquals("hermetic-cli", plugin.get("artifactId"));
        assertEquals(plugin, shippedCoordinates(Path.of("pom.xml")));
    }

    @Test
    void theBundledJarHasAMainClassAndStarts() throws Exception {
        Path jar = Path.of(System.getProperty("hermetic.bundled.cli"));
        try (JarFile file = new JarFile(jar.toFile())) {
            assertEquals("dev.hermeticbuild.cli.HermeticCommand",
                    file.getManifest().getMainAttributes().getValue("Main-Class"), jar.toString());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "--help").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        assertTrue(output.contains("Usage: hermetic"), output);
    }
}
