package dev.hermeticbuild.sbom;

import dev.hermeticbuild.artifacts.Artifact;
import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.lock.LockedDependency;
import dev.hermeticbuild.provenance.Toolchain;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Maven build by hand: the artifact {@code org.example:app:1.0}, a run-time graph
 * (app -> lib-a -> lib-b, lib-b optional), and a lock that also holds a plugin and a parent POM
 * (build-time); the jars' bytes are in a real content cache, the outputs in a real directory.
 */
final class SbomFixtures {

    static final String APP = "pkg:maven/org.example/app@1.0?type=jar";
    static final String LIB_A = "pkg:maven/org.example/lib-a@2.1?type=jar";
    static final String LIB_B = "pkg:maven/org.example/lib-b@0.9?type=jar";
    static final String PLUGIN = "pkg:maven/org.apache.maven.plugins/maven-jar-plugin@3.4.2?type=jar";
    static final String PARENT_POM = "pkg:maven/org.example/parent@3?type=pom";
    static final String IMAGE = "registry.example/hermetic/agent@sha256:" + "a".repeat(64);
    static final long EPOCH = 1767225600L;

    final ContentCache cache;
    final Path outputs;
    final List<Artifact> artifacts = new ArrayList<>();
    final List<LockedDependency> locked = new ArrayList<>();
    final DependencyGraph graph;

    SbomFixtures(Path dir) throws IOException {
        cache = new ContentCache(Files.createDirectories(dir.resolve("cache")));
        outputs = Files.createDirectories(dir.resolve("out"));
        output("target/app-1.0.jar", "the artifact's bytes");
        output("target/app-1.0-sources.jar", "its sources");
        lock("org.example:lib-a:jar", "2.1", "lib-a bytes");
        lock("org.example:lib-b:jar", "0.9", "lib-b bytes");
        lock("org.apache.maven.plugins:maven-jar-plugin:jar", "3.4.2", "plugin bytes");
        lock("org.example:parent:pom", "3", "<project/>");
        DependencyGraph.Component root = new DependencyGraph.Component(APP, "org.example", "app", "1.0", DependencyGraph.Scope.REQUIRED,
                List.of("Apache License, Version 2.0"), Optional.of("Example Org"), Optional.empty());
        graph = new DependencyGraph(root, List.of(
                new DependencyGraph.Component(LIB_A, "org.example", "lib-a", "2.1", DependencyGraph.Scope.REQUIRED,
                        List.of("The Apache Software License, Version 2.0"), Optional.of("Example Org"), Optional.empty()),
                new DependencyGraph.Component(LIB_B, "org.example", "lib-b", "0.9", DependencyGraph.Scope.OPTIONAL,
                        List.of("MIT OR Apache-2.0"), Optional.empty(), Optional.empty())),
                Map.of(APP, List.of(LIB_A), LIB_A, List.of(LIB_B), LIB_B, List.of()), "by hand (test)", List.of());
    }

    CycloneDxSbom.Document create() {
        return CycloneDxSbom.create(artifacts, graph, locked, List.of(new Toolchain("jdk", "17.0.13+11", "/usr/lib/jvm/java-17",
                Map.of("sha256", "b".repeat(64)))), context());
    }

    SbomContext context() {
        return new SbomContext(EPOCH, Optional.of("c0ffee".repeat(6) + "c0ff"), Optional.of("git+https://git.example/app.git"),
                Optional.of(outputs), Optional.of(cache), Optional.of(IMAGE));
    }

    private void output(String path, String content) throws IOException {
        Path file = outputs.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        artifacts.add(new Artifact(path, content.length(), Sha256.ofBytes(content.getBytes(StandardCharsets.UTF_8))));
    }

    private void lock(String name, String version, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String sha = Sha256.ofBytes(bytes);
        cache.put(name, "sha256", sha, new ByteArrayInputStream(bytes));
        String[] p = name.split(":");
        locked.add(new LockedDependency("maven", name, version, Map.of("sha256", sha), Optional.empty(),
                "pkg:maven/" + p[0] + "/" + p[1] + "@" + version + "?type=" + p[2], List.of(), "hermetic.lock", locked.size() + 2));
    }
}
