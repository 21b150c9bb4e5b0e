package dev.hermeticbuild.sbom;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hermeticbuild.lock.LockfileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The run-time graph of an npm project as its {@code package-lock.json} (v2/v3) states it: every
 * installed package not marked {@code dev} (npm's own computation of what {@code --omit=dev}
 * leaves out), {@code optional} ones scoped optional, and the edges npm's resolution gives: a
 * dependency of {@code node_modules/a} is the nearest {@code node_modules/NAME} up from it. A
 * non-optional dependency the lock does not hold is named as a problem.
 */
public final class NpmDependencyGraph {

    public static final String RESOLVED_BY = "package-lock.json (npm's own resolution, as locked; dev entries are build-time)";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private NpmDependencyGraph() {
    }

    /** The graph of the project in {@code directory} (its package-lock.json, and package.json for the author). */
    public static DependencyGraph read(Path directory) {
        JsonNode lock = json(directory.resolve("package-lock.json"));
        JsonNode packages = lock.path("packages");
        if (lock.path("lockfileVersion").asInt(0) < 2 || !packages.isObject()) {
            throw new LockfileException("package-lock.json", 1, "lockfileVersion " + lock.path("lockfileVersion").asInt(0)
                    + " is not supported: regenerate it with npm 7 or later (lockfileVersion 2 or 3)");
        }
        JsonNode rootEntry = packages.path("");
        Optional<JsonNode> manifest = Files.isRegularFile(directory.resolve("package.json"), LinkOption.NOFOLLOW_LINKS)
                ? Optional.of(json(directory.resolve("package.json"))) : Optional.empty();
        String rootName = text(rootEntry, "name").or(() -> manifest.flatMap(m -> text(m, "name"))).orElse(directory.getFileName().toString());
        String rootVersion = text(rootEntry, "version").or(() -> manifest.flatMap(m -> text(m, "version"))).orElse("");
        List<String> rootLicenses = text(rootEntry, "license").or(() -> manifest.flatMap(m -> text(m, "license"))).map(List::of).orElse(List.of());
        DependencyGraph.Component root = component("", rootName, rootVersion, DependencyGraph.Scope.REQUIRED, rootLicenses,
                manifest.flatMap(NpmDependencyGraph::author));

        Map<String, String> purlByPath = new LinkedHashMap<>();
        purlByPath.put("", root.purl());
        Map<String, DependencyGraph.Component> components = new LinkedHashMap<>();
        var fields = packages.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            String path = e.getKey();
            JsonNode p = e.getValue();
            if (path.isEmpty() || p.path("link").asBoolean(false)) {
                continue;
            }
            if (p.path("dev").asBoolean(false)) {
                continue;
            }
            int installed = path.lastIndexOf("node_modules/");
            String name = text(p, "name").orElse(installed >= 0 ? path.substring(installed + "node_modules/".length())
                    : path.substring(path.lastIndexOf('/') + 1));
            DependencyGraph.Scope scope = p.path("optional").asBoolean(false) || p.path("devOptional").asBoolean(false)
                    ? DependencyGraph.Scope.OPTIONAL : DependencyGraph.Scope.REQUIRED;
            DependencyGraph.Component c = component(path, name, p.path("version").asText(""), scope,
                    text(p, "license").map(List::of).orElse(List.of()), Optional.empty());
            purlByPath.put(path, c.purl());
            DependencyGraph.Component seen = components.get(c.purl());
            if (seen == null || seen.scope() == DependencyGraph.Scope.OPTIONAL && scope == DependencyGraph.Scope.REQUIRED) {
                components.put(c.purl(), c);
            }
        }
        for (var link : links(packages).entrySet()) {
            if (purlByPath.containsKey(link.getValue())) {
                purlByPath.put(link.getKey(), purlByPath.get(link.getValue()));
            }
        }

        Map<String, Set<String>> edges = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (var entry : purlByPath.entrySet()) {
            String path = entry.getKey();
            JsonNode p = packages.path(path);
            if (p.path("link").asBoolean(false)) {
                continue;
            }
            Set<String> targets = edges.computeIfAbsent(entry.getValue(), k -> new LinkedHashSet<>());
            Set<String> optional = new LinkedHashSet<>();
            p.path("optionalDependencies").fieldNames().forEachRemaining(optional::add);
            p.path("peerDependenciesMeta").fields().forEachRemaining(m -> {
                if (m.getValue().path("optional").asBoolean(false)) {
                    optional.add(m.getKey());
                }
            });
            for (String kind : List.of("dependencies", "optionalDependencies", "peerDependencies")) {
                p.path(kind).fieldNames().forEachRemaining(dep -> {
                    Optional<String> target = resolve(path, dep, purlByPath);
                    if (target.isPresent()) {
                        targets.add(target.get());
                    } else if (!optional.contains(dep) && !kind.equals("peerDependencies")) {
                        problems.add("package-lock.json: " + (path.isEmpty() ? "the project" : path) + " depends on " + dep
                                + ", which the lock does not install (outside the dev tree)");
                    }
                });
            }
        }
        Map<String, List<String>> edgeLists = new LinkedHashMap<>();
        edges.forEach((k, v) -> edgeLists.put(k, List.copyOf(v)));
        return new DependencyGraph(root, List.copyOf(components.values()), edgeLists, RESOLVED_BY, problems);
    }

    /** The path npm loads {@code name} from for the package at {@code from}: the nearest {@code node_modules/name} up the tree. */
    private static Optional<String> resolve(String from, String name, Map<String, String> purlByPath) {
        String base = from;
        while (true) {
            String candidate = (base.isEmpty() ? "" : base + "/") + "node_modules/" + name;
            if (purlByPath.containsKey(candidate)) {
                return Optional.of(purlByPath.get(candidate));
            }
            if (base.isEmpty()) {
                return Optional.empty();
            }
            int up = base.lastIndexOf("/node_modules/");
            base = up >= 0 ? base.substring(0, up) : "";
        }
    }

    /** {@code node_modules/x} entries that are links, to the path they point at (workspaces). */
    private static Map<String, String> links(JsonNode packages) {
        Map<String, String> links = new LinkedHashMap<>();
        packages.fields().forEachRemaining(e -> {
            if (e.getValue().path("link").asBoolean(false)) {
                text(e.getValue(), "resolved").ifPresent(target -> links.put(e.getKey(), target));
            }
        });
        return links;
    }

    private static DependencyGraph.Component component(String path, String name, String version, DependencyGraph.Scope scope,
                                                       List<String> licenses, Optional<String> supplier) {
        String group = "";
        String local = name;
        if (name.startsWith("@") && name.contains("/")) {
            group = name.substring(0, name.indexOf('/'));
            local = name.substring(name.indexOf('/') + 1);
        }
        String purl = "pkg:npm/" + (group.isEmpty() ? "" : PurlText.segment(group) + "/") + PurlText.segment(local)
                + (version.isEmpty() ? "" : "@" + PurlText.segment(version));
        return new DependencyGraph.Component(purl, group, local, version, scope, licenses, supplier, Optional.empty());
    }

    /** package.json's author: a string {@code Name <email> (url)} or an object with a name. */
    private static Optional<String> author(JsonNode manifest) {
        JsonNode author = manifest.path("author");
        String text = author.isTextual() ? author.asText() : author.path("name").asText("");
        String name = text.replaceAll("<[^>]*>|\\([^)]*\\)", "").strip();
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static JsonNode json(Path file) {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new LockfileException(file.getFileName().toString(), 0, "cannot read: " + e.getMessage());
        }
    }
}
