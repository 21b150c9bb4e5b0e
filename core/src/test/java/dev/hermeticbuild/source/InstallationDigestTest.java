package dev.hermeticbuild.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.build.FakeJdk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installation digests: the in-toto dirHash of real trees, and a cache that holds only while every file is unchanged. */
class InstallationDigestTest {

    @TempDir
    Path tree;
    @TempDir
    Path cacheDir;

    @Test
    void aCachedDigestIsReusedWhileTheTreeIsUnchangedAndRecomputedWhenAFileChangesInPlace() throws Exception {
        Files.writeString(tree.resolve("a.txt"), "one");
        Files.createDirectories(tree.resolve("lib"));
        Files.writeString(tree.resolve("lib/b.bin"), "two");
        var cache = Optional.of(new InstallationDigestCache(cacheDir));
        String real = InstallationDigest.of(tree, cache).get("dirHash");
        assertEquals(real, InstallationDigest.of(tree, Optional.empty()).get("dirHash"));

        Path entry;
        try (Stream<Path> s = Files.list(cacheDir)) {
            entry = s.filter(p -> p.getFileName().toString().endsWith(".digest")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(entry);
        String marker = "0".repeat(64);
        Files.writeString(entry, lines.get(0) + "\n" + lines.get(1) + "\n" + marker + "\n");
        assertEquals(marker, InstallationDigest.of(tree, cache).get("dirHash"), "an unchanged tree is not read again");

        Path b = tree.resolve("lib/b.bin");
        FileTime mtime = Files.getLastModifiedTime(b);
        Files.writeString(b, "TWO");
        Files.setLastModifiedTime(b, mtime);
        String changed = InstallationDigest.of(tree, cache).get("dirHash");
        assertNotEquals(marker, changed, "same size and mtime, but a new ctime: the entry no longer counts");
        assertNotEquals(real, changed);
        assertEquals(changed, InstallationDigest.of(tree, Optional.empty()).get("dirHash"));
    }

    /** {@code LC_ALL=C sort} orders unsigned bytes: a name starting with a UTF-8 multi-byte character comes after every ASCII one. */
    @Test
    void namesOutsideAsciiAreOrderedAsCoreutilsOrdersThem() throws Exception {
        Files.writeString(tree.resolve("a.txt"), "one");
        Files.writeString(tree.resolve("\u00e9t\u00e9.txt"), "two");
        Files.createDirectories(tree.resolve("z"));
        Files.writeString(tree.resolve("z/\u00fc.bin"), "three");
        Files.writeString(tree.resolve("Z.txt"), "four");
        assertEquals(dev.hermeticbuild.build.ToolchainRecordTest.dirHashByShell(tree),
                InstallationDigest.of(tree, Optional.empty()).get("dirHash"));
    }

    @Test
    void symlinksAreNotPartOfTheDirHashAsInTotoDefinesIt() throws Exception {
        Files.writeString(tree.resolve("a.txt"), "one");
        String before = InstallationDigest.of(tree, Optional.empty()).get("dirHash");
        Files.createSymbolicLink(tree.resolve("link"), tree.resolve("a.txt"));
        assertEquals(before, InstallationDigest.of(tree, Optional.empty()).get("dirHash"));
    }

    @Test
    void aSingleBinaryIsDigestedAsAFile() throws Exception {
        Path bin = Files.writeString(tree.resolve("node"), "binary", StandardCharsets.UTF_8);
        assertEquals(Map.of("sha256", dev.hermeticbuild.digest.Sha256.ofBytes("binary".getBytes(StandardCharsets.UTF_8))),
                InstallationDigest.of(bin, Optional.empty()));
    }

    @Test
    void aSingleBinarysDigestIsCachedWhileTheFileIsUnchanged() throws Exception {
        Path bin = Files.writeString(tree.resolve("node"), "binary", StandardCharsets.UTF_8);
        var cache = Optional.of(new InstallationDigestCache(cacheDir));
        String real = InstallationDigest.of(bin, cache).get("sha256");
        assertEquals(dev.hermeticbuild.digest.Sha256.ofBytes("binary".getBytes(StandardCharsets.UTF_8)), real);
        Path entry;
        try (Stream<Path> s = Files.list(cacheDir)) {
            entry = s.filter(p -> p.getFileName().toString().endsWith(".digest")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(entry);
        String marker = "0".repeat(64);
        Files.writeString(entry, lines.get(0) + "\n" + lines.get(1) + "\n" + marker + "\n");
        assertEquals(marker, InstallationDigest.of(bin, cache).get("sha256"), "an unchanged binary is not read again");

        FileTime mtime = Files.getLastModifiedTime(bin);
        Files.writeString(bin, "BINARY", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(bin, mtime);
        assertEquals(dev.hermeticbuild.digest.Sha256.ofBytes("BINARY".getBytes(StandardCharsets.UTF_8)),
                InstallationDigest.of(bin, cache).get("sha256"), "same size and mtime, but a new ctime: the entry no longer counts");
    }

    /** A GOROOT and a JDK found on PATH are read as the trees around their bin directory, with their own version files. */
    @Test
    void goAndJavaOnPathAreFoundAsTheirInstallations() throws Exception {
        Path goroot = tree.resolve("go");
        Files.createDirectories(goroot.resolve("bin"));
        Files.writeString(goroot.resolve("VERSION"), "go1.23.4\ntime 2024-12-03T00:00:00Z\n");
        Path go = Files.writeString(goroot.resolve("bin/go"), "#!/bin/sh\n");
        go.toFile().setExecutable(true);
        Path jdk = FakeJdk.create(tree.resolve("jdk"), "21.0.5+11");
        var view = new ToolchainLocator.View(false, "/workspace", cacheDir.resolve("build"), List.of(cacheDir));
        List<ProvidedToolchain> found = ToolchainLocator.locate(
                Map.of("PATH", goroot.resolve("bin") + ":" + jdk.resolve("bin")), view);
        ProvidedToolchain goFound = found.stream().filter(t -> t.toolchain().kind().equals("go")).findFirst().orElseThrow();
        assertEquals("go1.23.4", goFound.toolchain().version());
        assertEquals(goroot.toRealPath().toString(), goFound.toolchain().path());
        assertEquals(InstallationDigest.of(goroot, Optional.empty()), goFound.toolchain().digest());
        ProvidedToolchain jdkFound = found.stream().filter(t -> t.toolchain().kind().equals("jdk")).findFirst().orElseThrow();
        assertEquals("21.0.5+11", jdkFound.toolchain().version());
        assertEquals(Optional.of("Test"), jdkFound.vendor());
        assertEquals(List.of("PATH"), jdkFound.via());
        assertTrue(found.stream().noneMatch(ProvidedToolchain::buildControlled));
    }

    /** node --version runs once per unchanged binary: the runner's cache keeps what it printed under the binary's fingerprint. */
    @Test
    void nodeIsAskedItsVersionOnlyWhenItsBinaryChanged() throws Exception {
        Path runs = tree.resolve("runs.log");
        Path bin = Files.createDirectories(tree.resolve("node-install/bin"));
        Path node = bin.resolve("node");
        Files.writeString(node, "#!/bin/sh\necho run >> " + runs + "\necho v99.1.0\n");
        node.toFile().setExecutable(true);
        var view = new ToolchainLocator.View(false, "/workspace", cacheDir.resolve("build"), List.of(cacheDir));
        java.util.function.Supplier<String> version = () -> ToolchainLocator.locate(Map.of("PATH", bin.toString()), view).stream()
                .filter(t -> t.toolchain().kind().equals("node")).findFirst().orElseThrow().toolchain().version();

        assertEquals("v99.1.0", version.get());
        assertEquals("v99.1.0", version.get());
        assertEquals(1, Files.readAllLines(runs).size(), "an unchanged node is not started again");

        Files.writeString(node, "#!/bin/sh\necho run >> " + runs + "\necho v99.2.0\n");
        assertEquals("v99.2.0", version.get(), "a changed binary is asked again");
        assertEquals(2, Files.readAllLines(runs).size());
    }
}
