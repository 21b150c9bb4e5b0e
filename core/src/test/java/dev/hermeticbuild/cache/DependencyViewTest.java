package dev.hermeticbuild.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.digest.Sha256;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build's view of the cache: what it links, where it may live, and what a swap after the check can and cannot do. */
class DependencyViewTest {

    static final byte[] JAR = "the real jar bytes".getBytes(StandardCharsets.UTF_8);
    static final String SHA = Sha256.ofBytes(JAR);
    static final int BUILD_UID = 64000;

    @TempDir
    Path dir;
    ContentCache cache;
    int self;
    int selfGid;

    @BeforeEach
    void cache() throws Exception {
        Path workspace = Files.createDirectory(dir.resolve("ws"));
        cache = ContentCache.open(dir.resolve("cache"), workspace);
        cache.put("lib", "sha256", SHA, new ByteArrayInputStream(JAR));
        self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        selfGid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
    }

    @Test
    void theViewHardLinksTheCheckedEntryAndShowsItByName() throws Exception {
        try (DependencyView view = DependencyView.create(cache, self, selfGid, List.of(), "/opt/deps").orElseThrow()) {
            String inside = view.add("org.example:lib:jar:1.0", "sha256", SHA);
            assertEquals("/opt/deps/sha256-" + SHA, inside);
            Path link = view.onHost(inside);
            assertTrue(link.startsWith(cache.root().resolve("views")), link.toString());
            assertEquals(Files.getAttribute(cache.entry("sha256", SHA), "unix:ino"), Files.getAttribute(link, "unix:ino"),
                    "a hard link: nothing copied");
            assertEquals(inside, view.add("the same bytes again", "sha256", SHA));
        }
        try (var views = Files.list(cache.root().resolve("views"))) {
            assertFalse(views.findAny().isPresent(), "the view is removed after the build");
        }
        assertEquals(1, (Integer) Files.getAttribute(cache.entry("sha256", SHA), "unix:nlink"));
    }

    @Test
    void anEntryReplacedAfterTheCheckDoesNotReachTheView() throws Exception {
        try (DependencyView view = DependencyView.create(cache, self, selfGid, List.of(), "/opt/deps").orElseThrow()) {
            Path link = view.onHost(view.add("org.example:lib:jar:1.0", "sha256", SHA));
            Path entry = cache.entry("sha256", SHA);
            Path evil = Files.writeString(dir.resolve("evil"), "a backdoored jar");
            Files.move(evil, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertEquals("the real jar bytes", Files.readString(link), "the view holds the inode that was checked, not the name");
        }
    }

    @Test
    void aPoisonedEntryIsRefusedAndNamedThroughTheLink() throws Exception {
        Path entry = cache.entry("sha256", SHA);
        entry.toFile().setWritable(true);
        Files.writeString(entry, "the real jar bytes, backdoored");
        try (DependencyView view = DependencyView.create(cache, self, selfGid, List.of(), "/opt/deps").orElseThrow()) {
            CacheException e = assertThrows(CacheException.class, () -> view.add("org.example:lib:jar:1.0", "sha256", SHA));
            assertTrue(e.getMessage().startsWith("poisoned cache entry for org.example:lib:jar:1.0: " + entry), e.getMessage());
        }
        CacheException missing = assertThrows(CacheException.class, () -> DependencyView.create(cache, self, selfGid, List.of(), "/opt/deps")
                .orElseThrow().add("org.example:gone:jar:1.0", "sha256", "a".repeat(64)));
        assertTrue(missing.getMessage().contains("org.example:gone:jar:1.0 is not in the cache"), missing.getMessage());
    }

    @Test
    void aCacheTheBuildUserCannotReachIsViewedFromARunnerDirectoryOnItsFilesystemOrNotAtAll() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Files.setAttribute(dir, "unix:uid", self);
        if (self == BUILD_UID) {
            return;
        }
        assertEquals(Optional.empty(), DependencyView.create(cache, BUILD_UID, BUILD_UID, List.of(), "/opt/deps").map(DependencyView::directory),
                "no reachable place on the cache's filesystem: the caller copies");

        Path shared = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "hermetic-view-test-");
        try {
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
            if (!Files.getAttribute(shared, "unix:dev").equals(Files.getAttribute(dir, "unix:dev"))) {
                return;
            }
            try (DependencyView view = DependencyView.create(cache, BUILD_UID, BUILD_UID, List.of(shared), "/opt/deps").orElseThrow()) {
                assertTrue(view.directory().startsWith(shared.resolve("views")), view.directory().toString());
                assertTrue(DependencyView.traversable(view.directory(), BUILD_UID, BUILD_UID));
                view.add("org.example:lib:jar:1.0", "sha256", SHA);
            }
            Files.setPosixFilePermissions(shared.resolve("views"), PosixFilePermissions.fromString("rwxrwxrwx"));
            assertEquals(Optional.empty(), DependencyView.create(cache, BUILD_UID, BUILD_UID, List.of(shared), "/opt/deps")
                    .map(DependencyView::directory), "a views directory others may write is never used");
        } finally {
            dev.hermeticbuild.FileTrees.deleteQuietly(shared);
        }
    }

    @Test
    void traversalFollowsTheModeBitsOfEveryDirectoryOnTheWay() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a/b"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(dir.resolve("a"), PosixFilePermissions.fromString("rwx------"));
        assertFalse(DependencyView.traversable(a, BUILD_UID, BUILD_UID));
        assertTrue(DependencyView.traversable(a, self, selfGid) || self != (Integer) Files.getAttribute(dir.resolve("a"), "unix:uid"));
        Files.setPosixFilePermissions(dir.resolve("a"), PosixFilePermissions.fromString("rwx-----x"));
        assertEquals(DependencyView.traversable(dir.getParent(), BUILD_UID, BUILD_UID), DependencyView.traversable(a, BUILD_UID, BUILD_UID));
    }
}
