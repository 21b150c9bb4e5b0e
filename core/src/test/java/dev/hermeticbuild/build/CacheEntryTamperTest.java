package dev.hermeticbuild.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.cache.CacheException;
import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.sandbox.RunnerFiles;
import dev.hermeticbuild.sandbox.SandboxChooser;
import dev.hermeticbuild.sandbox.SandboxMode;
import dev.hermeticbuild.testing.Tools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sandboxed build sees its locked jars without copies (symlinks into a read-only view of the
 * cache) and cannot change a cache entry through them: writing, truncating, chmod-ing, touching,
 * hard linking, renaming or removing the jar, writing into the view, remounting it writable all
 * fail, and the next build gets the right bytes from a cache that still verifies. A poisoned
 * entry is still refused and named before the command runs. Against both namespace sandboxes.
 */
class CacheEntryTamperTest {

    static final byte[] JAR = "the real jar bytes".getBytes(StandardCharsets.UTF_8);
    static final String REPO_JAR = "$HOME/.m2/repository/org/example/lib/1.0/lib-1.0.jar";

    @TempDir
    Path dir;
    Path workspace;
    Path cacheDir;
    ContentCache cache;
    final String sha = Sha256.ofBytes(JAR);

    @ParameterizedTest
    @ValueSource(strings = {"bubblewrap", "unshare"})
    void aBuildCannotChangeACachedJarThroughItsView(String sandbox) throws Exception {
        Path entry = seeded(sandbox);
        // The strongest case: the entry belongs to the uid the build runs as on the host (as when the runner is not
        // root), so only the read-only mount, not the file's owner or mode, keeps the build from changing it.
        Files.setAttribute(entry, "unix:uid", BuildRequest.builder()
                .workspace(workspace).outDir(dir.resolve("x")).outputs(List.of()).command(List.of("true")).tier(Tier.DEV)
                .builderId("https://ci.example.com/hermetic").timeout(Duration.ofMinutes(1)).build().confinement().hostUid());
        Object owner = Files.getAttribute(entry, "unix:uid");

        String attack = String.join("\n",
                "set +e", "j=" + REPO_JAR, "t=$(readlink $j)", "mkdir -p dist", "r=dist/report.txt",
                "[ -L $j ] && echo linked >> $r",
                "case $t in /opt/hermetic/dependencies/*) echo in-view >> $r;; esac",
                "[ \"$(cat $j)\" = 'the real jar bytes' ] && echo reads >> $r",
                "echo evil > $t 2>/dev/null && echo wrote >> $r",
                "echo evil >> $j 2>/dev/null && echo wrote-through-link >> $r",
                "truncate -s 0 $t 2>/dev/null && echo truncated >> $r",
                "chmod 666 $t 2>/dev/null && echo chmod >> $r",
                "echo evil > $t 2>/dev/null && echo wrote-after-chmod >> $r",
                "touch -d 2001-01-01 $t 2>/dev/null && echo touched >> $r",
                "ln $t $HOME/hardlink 2>/dev/null && echo hardlinked >> $r",
                "mv $t $HOME/moved 2>/dev/null && echo moved >> $r",
                "rm -f $t 2>/dev/null; [ -e $t ] || echo removed >> $r",
                "echo evil > /opt/hermetic/dependencies/planted 2>/dev/null && echo planted >> $r",
                "mount -o remount,rw /opt/hermetic/dependencies 2>/dev/null && echo remounted >> $r",
                "rm -f $j && echo evil > $j && echo replaced-private-link >> $r",
                "exit 0");
        Files.writeString(workspace.resolve("attack.sh"), attack + "\n");
        BuildResult first = build(workspace, cacheDir, sandbox, "sh attack.sh", "out1");
        assertTrue(first.succeeded(), Files.readString(first.buildLog()));
        assertEquals(List.of("linked", "in-view", "reads", "replaced-private-link"),
                Files.readAllLines(dir.resolve("out1/dist/report.txt")), "only the build's own repository link may change");

        assertEquals(-1L, Files.mismatch(entry, Files.write(dir.resolve("expected"), JAR)), "the entry's bytes are unchanged");
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(entry, LinkOption.NOFOLLOW_LINKS)));
        assertEquals(owner, Files.getAttribute(entry, "unix:uid"));
        assertEquals(1, (Integer) Files.getAttribute(entry, "unix:nlink"), "no link to the entry outlives the build");
        cache.verify("lib", "sha256", sha);

        BuildResult second = build(workspace, cacheDir, sandbox, "mkdir -p dist && cat " + REPO_JAR + " > dist/jar.txt", "out2");
        assertTrue(second.succeeded(), Files.readString(second.buildLog()));
        assertEquals(-1L, Files.mismatch(dir.resolve("out2/dist/jar.txt"), dir.resolve("expected")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bubblewrap", "unshare"})
    void aPoisonedEntryIsRefusedAndNamedBeforeTheCommandRuns(String sandbox) throws Exception {
        Path entry = seeded(sandbox);
        entry.toFile().setWritable(true);
        Files.writeString(entry, "the real jar bytes, backdoored");

        CacheException e = assertThrows(CacheException.class,
                () -> build(workspace, cacheDir, sandbox, "mkdir -p dist && echo ran > dist/ran.txt", "out"));
        assertTrue(e.getMessage().startsWith("poisoned cache entry for org.example:lib:jar:1.0: " + entry), e.getMessage());
        assertFalse(Files.exists(workspace.resolve("dist")), "the command must not have run");
        assertEquals(1, (Integer) Files.getAttribute(entry, "unix:nlink"), "the refused build's view is gone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bubblewrap", "unshare"})
    void whatABuildLeavesInItsRepositoryNoLaterBuildSees(String sandbox) throws Exception {
        seeded(sandbox);
        String plant = String.join("\n",
                "set +e", "mkdir -p dist", "r=dist/report.txt", "d=$HOME/.m2/repository/org/example/lib/1.0",
                "echo planted > $d/lib-1.0.pom && echo wrote-in-repository >> $r",
                "mkdir -p $HOME/.m2/repository/org/evil && echo planted > $HOME/.m2/repository/org/evil/x.jar && echo made-directory >> $r",
                "stat -f -c %T $HOME/.m2/repository > dist/fs.txt",
                "exit 0");
        Files.writeString(workspace.resolve("plant.sh"), plant + "\n");
        BuildResult first = build(workspace, cacheDir, sandbox, "sh plant.sh", "out1");
        assertTrue(first.succeeded(), Files.readString(first.buildLog()));
        assertEquals(List.of("wrote-in-repository", "made-directory"), Files.readAllLines(dir.resolve("out1/dist/report.txt")),
                "a build may write its own repository, as Maven does");
        if (sandbox.equals("bubblewrap")) {
            assertEquals("tmpfs", Files.readString(dir.resolve("out1/dist/fs.txt")).strip(),
                    "bubblewrap lays the repository out on a private tmpfs, not on the host's disk");
        }

        String look = "mkdir -p dist && ls -A $HOME/.m2/repository/org/example/lib/1.0 $HOME/.m2/repository/org > dist/seen.txt";
        BuildResult second = build(workspace, cacheDir, sandbox, look, "out2");
        assertTrue(second.succeeded(), Files.readString(second.buildLog()));
        String seen = Files.readString(dir.resolve("out2/dist/seen.txt"));
        assertFalse(seen.contains("lib-1.0.pom") || seen.contains("evil"), seen);
        assertTrue(seen.contains("lib-1.0.jar"), seen);
    }

    /** A project locking one jar, and a cache holding it; the cache entry's path. */
    private Path seeded(String sandbox) throws Exception {
        requireSandbox(sandbox);
        workspace = Files.createDirectory(dir.resolve("ws"));
        Files.writeString(workspace.resolve("hermetic.lock"), "org.example:lib:jar:1.0 sha256=" + sha + "\n");
        cacheDir = dir.resolve("cache");
        cache = ContentCache.open(cacheDir, workspace);
        cache.put("lib", "sha256", sha, new ByteArrayInputStream(JAR));
        return cache.entry("sha256", sha);
    }

    private BuildResult build(Path workspace, Path cacheDir, String sandbox, String command, String out) {
        BuildRequest r = BuildRequest.builder()
                .workspace(workspace).outDir(dir.resolve(out)).outputs(List.of(new OutputGlob("dist/*.txt")))
                .command(List.of("sh", "-c", command)).sandbox(SandboxMode.parse(sandbox)).tier(Tier.DEV)
                .builderId("https://ci.example.com/hermetic").timeout(Duration.ofMinutes(5)).cache(Optional.of(cacheDir))
                .build();
        return HermeticBuild.run(r, new ByteArrayOutputStream(), Map.of());
    }

    /** The view must be on the cache's filesystem where the build user reaches it: here, the runner's shared directory. */
    private void requireSandbox(String sandbox) throws Exception {
        boolean present = (sandbox.equals("bubblewrap") ? SandboxChooser.bubblewrap() : SandboxChooser.unshare()).isPresent();
        Tools.require(sandbox, present, "the namespace sandbox under test");
        Tools.require("a runner directory on the cache's filesystem",
                Files.getAttribute(dir, "unix:dev").equals(Files.getAttribute(RunnerFiles.sharedDirectory(), "unix:dev")),
                "the test's cache and java.io.tmpdir on one filesystem, so the build's view can hard-link the entries");
    }
}
