package dev.hermeticbuild.lock;

import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The dependencies a POM declares for the project itself ({@code project/dependencies}), at
 * literal versions: what every build of it resolves. Managed versions, plugin dependencies and
 * profiles are left out, since a build resolves them only when it uses them.
 */
final class PomDependencies {

    private PomDependencies() {
    }

    /** {@code group:artifact:version} of each such dependency, in document order. */
    static List<String> declared(Path pom) {
        Element project;
        try (InputStream in = Files.newInputStream(pom, LinkOption.NOFOLLOW_LINKS)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            project = f.newDocumentBuilder().parse(in).getDocumentElement();
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new InputException(pom.getFileName() + ": cannot read it as XML: " + e.getMessage(), e);
        }
        List<String> declared = new ArrayList<>();
        for (Element dependency : children(child(project, "dependencies").orElse(null), "dependency")) {
            Optional<String> g = text(dependency, "groupId");
            Optional<String> a = text(dependency, "artifactId");
            Optional<String> v = text(dependency, "version");
            boolean system = text(dependency, "scope").filter("system"::equals).isPresent();
            if (g.isPresent() && a.isPresent() && v.isPresent() && !system
                    && List.of(g.get(), a.get(), v.get()).stream().noneMatch(s -> s.contains("$"))) {
                declared.add(g.get() + ":" + a.get() + ":" + v.get());
            }
        }
        return declared;
    }

    private static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().strip()).filter(s -> !s.isEmpty());
    }

    private static Optional<Element> child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE && name.equals(nodes.item(i).getNodeName())) {
                found.add((Element) nodes.item(i));
            }
        }
        return found;
    }
}
