package dev.hermeticbuild.sbom;

import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.lock.LockedDependency;
import dev.hermeticbuild.lock.MavenLockfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Licenses of locked Maven artifacts, read from their POMs in the cache (the POMs are locked
 * too), following {@code <parent>} POMs that are themselves locked: most artifacts declare their
 * license only in a parent. Only verified cache entries are read; XML entities are disabled.
 */
public final class MavenLicenses {

    private static final int MAX_PARENT_DEPTH = 10;

    private MavenLicenses() {
    }

    /** The dependencies with licenses filled in where a locked POM (or its locked parents) names them. */
    public static List<LockedDependency> enrich(List<LockedDependency> deps, ContentCache cache) {
        Map<String, String> pomSha = new HashMap<>();
        for (LockedDependency d : deps) {
            if (d.ecosystem().equals("maven") && d.name().endsWith(":pom") && d.sha256().isPresent()) {
                MavenLockfile.Coordinates c = MavenLockfile.coordinates(d);
                pomSha.put(c.group() + ":" + c.artifact() + ":" + c.version(), d.sha256().get());
            }
        }
        Map<String, List<String>> memo = new HashMap<>();
        List<LockedDependency> result = new ArrayList<>();
        for (LockedDependency d : deps) {
            if (!d.ecosystem().equals("maven") || !d.licenses().isEmpty()) {
                result.add(d);
                continue;
            }
            MavenLockfile.Coordinates c = MavenLockfile.coordinates(d);
            List<String> licenses = licenses(c.group() + ":" + c.artifact() + ":" + c.version(), pomSha, cache, memo, 0);
            result.add(licenses.isEmpty() ? d : new LockedDependency(d.ecosystem(), d.name(), d.version(), d.digests(),
                    d.url(), d.purl(), licenses, d.lockfile(), d.line()));
        }
        return result;
    }

    private static List<String> licenses(String gav, Map<String, String> pomSha, ContentCache cache,
                                         Map<String, List<String>> memo, int depth) {
        if (memo.containsKey(gav)) {
            return memo.get(gav);
        }
        List<String> found = List.of();
        String sha = pomSha.get(gav);
        if (sha != null && depth < MAX_PARENT_DEPTH && cache.contains("sha256", sha)) {
            Optional<Document> pom = read(cache, sha, gav);
            if (pom.isPresent()) {
                found = declared(pom.get());
                if (found.isEmpty()) {
                    found = parent(pom.get()).map(p -> licenses(p, pomSha, cache, memo, depth + 1)).orElse(List.of());
                }
            }
        }
        memo.put(gav, found);
        return found;
    }

    private static Optional<Document> read(ContentCache cache, String sha, String gav) {
        try {
            cache.verify(gav + ":pom", "sha256", sha);
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            try (InputStream in = Files.newInputStream(cache.entry("sha256", sha), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(b.parse(in));
            }
        } catch (IOException | org.xml.sax.SAXException | javax.xml.parsers.ParserConfigurationException
                 | dev.hermeticbuild.cache.CacheException e) {
            return Optional.empty();
        }
    }

    private static List<String> declared(Document pom) {
        List<String> names = new ArrayList<>();
        Element licenses = child(pom.getDocumentElement(), "licenses");
        if (licenses != null) {
            NodeList list = licenses.getElementsByTagName("license");
            for (int i = 0; i < list.getLength(); i++) {
                Element name = child((Element) list.item(i), "name");
                if (name != null && !name.getTextContent().isBlank()) {
                    names.add(name.getTextContent().strip().replaceAll("\\s+", " "));
                }
            }
        }
        return names;
    }

    private static Optional<String> parent(Document pom) {
        Element parent = child(pom.getDocumentElement(), "parent");
        if (parent == null) {
            return Optional.empty();
        }
        Element g = child(parent, "groupId");
        Element a = child(parent, "artifactId");
        Element v = child(parent, "version");
        if (g == null || a == null || v == null) {
            return Optional.empty();
        }
        return Optional.of(g.getTextContent().strip() + ":" + a.getTextContent().strip() + ":" + v.getTextContent().strip());
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                return e;
            }
        }
        return null;
    }
}
