package dev.hermeticbuild.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.build.BuildRequest;
import dev.hermeticbuild.build.BuildResult;
import dev.hermeticbuild.build.HermeticBuild;
import dev.hermeticbuild.build.Tier;
import dev.hermeticbuild.rebuild.RecordedBuild;
import dev.hermeticbuild.rebuild.Rebuilder;
import dev.hermeticbuild.rebuild.ReproducibilityCheck;
import dev.hermeticbuild.rebuild.ReproducibilityReport;
import dev.hermeticbuild.testing.GitCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workspace whose repository has every git mechanism that runs a command planted in it, each
 * writing a marker file on the host when it runs: the runner's reads (inspect, export, build at
 * both tiers, check-reproducible, rebuild) must leave no marker. The controls show the plants are
 * real: JGit with its defaults, and git itself, do run them.
 */
class PlantedGitMechanismsTest {

    @TempDir
    Path repo;
    @TempDir
    Path markers;
    @TempDir
    Path out;
    @TempDir
    Path home;
    GitCli git;

    @BeforeEach
    void plant() throws IOException {
        git = new GitCli(home);
        Files.writeString(repo.resolve("app.txt"), "hello\n");
        Files.writeString(repo.resolve("build.sh"), "#!/bin/sh\nset -e\nmkdir -p dist\ncat app.txt > dist/app.out\n");
        repo.resolve("build.sh").toFile().setExecutable(true);
        Files.writeString(repo.resolve(".gitattributes"), "* filter=evil\n");
        Files.writeString(repo.resolve(".gitignore"), "dist/\n");
        git.initAndCommitAll(repo);

        git.run(repo, "config", "filter.evil.clean", marker("clean") + "; cat");
        git.run(repo, "config", "filter.evil.smudge", marker("smudge") + "; cat");
        git.run(repo, "config", "filter.evil.required", "true");
        Files.writeString(repo.resolve(".git/info/attributes"), "*.txt filter=info\n");
        git.run(repo, "config", "filter.info.clean", marker("info-attributes-clean") + "; cat");
        Path fsmonitor = script(markers.resolve("fsmonitor.sh"), "fsmonitor");
        git.run(repo, "config", "core.fsmonitor", fsmonitor.toString());
        git.run(repo, "config", "core.sshCommand", marker("ssh"));
        git.run(repo, "config", "remote.origin.url", "ssh://git.example.invalid/app.git");
        for (String hook : List.of("post-checkout", "pre-commit", "post-commit", "reference-transaction", "post-index-change",
                "pre-auto-gc", "post-merge")) {
            script(repo.resolve(".git/hooks").resolve(hook), "hook-" + hook);
            script(markers.resolve("hooks").resolve(hook), "hooksPath-" + hook);
        }
        git.run(repo, "config", "core.hooksPath", markers.resolve("hooks").toString());
        Path included = markers.resolve("included.cfg");
        Files.writeString(included, "[filter \"evil\"]\n\tclean = " + marker("includeIf-clean") + "; cat\n");
        git.run(repo, "config", "includeIf.gitdir:/.path", included.toString());
        // Stat data no longer matches the index: git and JGit's status re-read (and so clean) the file.
        Files.setLastModifiedTime(repo.resolve("app.txt"), FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    }

    @Test
    void inspectingAndExportingRunNothing(@TempDir Path scratch) {
        SourceState state = SourceInspector.inspect(repo);
        assertFalse(state.dirty(), "content is what the commit has: " + state);
        assertEquals("ssh://git.example.invalid/app.git", state.remoteUrl().orElseThrow());
        try (SourceRepository source = SourceRepository.open(repo)) {
            SourceExport.export(source, source.head().orElseThrow(), "", scratch.resolve("export"));
        }
        assertNoMarkers();
    }

    @Test
    void theHostsGitConfigIsNotRead() throws Exception {
        SourceInspector.inspect(repo);
        assertEquals("", SystemReader.getInstance().getUserConfig().toText(), "the runner's ~/.gitconfig is not read");
        assertEquals("", SystemReader.getInstance().getSystemConfig().toText(), "/etc/gitconfig is not read");
        assertNull(SystemReader.getInstance().getUserConfig().getString("user", null, "name"));
    }

    @Test
    void buildsAtBothTiersCheckReproducibleAndRebuildRunNothing() throws Exception {
        BuildResult release = HermeticBuild.run(request(Tier.RELEASE, out.resolve("release")), new ByteArrayOutputStream(), Map.of());
        assertTrue(release.succeeded());
        BuildResult dev = HermeticBuild.run(request(Tier.DEV, out.resolve("dev")), new ByteArrayOutputStream(), Map.of());
        assertTrue(dev.succeeded());
        ReproducibilityReport check = ReproducibilityCheck.run(request(Tier.RELEASE, out.resolve("check")), Set.of(), false,
                new ByteArrayOutputStream(), Map.of());
        assertEquals(ReproducibilityReport.Status.REPRODUCIBLE, check.status(), check.toString());
        RecordedBuild recorded = RecordedBuild.parse(Files.readAllBytes(release.provenanceFile().orElseThrow()));
        ReproducibilityReport rebuilt = Rebuilder.rebuild(new Rebuilder.Request(recorded, repo, out.resolve("rebuild"),
                Optional.empty(), Optional.empty(), Set.of(), BuildRequest.DEFAULT_BUILDER_ID), new ByteArrayOutputStream(), Map.of());
        assertEquals(ReproducibilityReport.Status.REPRODUCIBLE, rebuilt.status(), rebuilt.toString());
        assertNoMarkers();
    }

    @Test
    void aConfigThatIncludesAnotherFileIsRefused() throws IOException {
        Path included = Files.writeString(markers.resolve("more.cfg"), "[core]\n\tworktree = /\n");
        git.run(repo, "config", "include.path", included.toString());
        InputException e = assertThrows(InputException.class, () -> SourceInspector.inspect(repo));
        assertTrue(e.getMessage().contains("include.path") && e.getMessage().contains(included.toString()), e.getMessage());
    }

    @Test
    void controlJGitWithItsDefaultsRunsThePlantedCleanFilter() throws Exception {
        try (Git plain = Git.open(repo.toFile())) {
            plain.status().call();
        }
        assertTrue(Files.exists(markers.resolve("clean")) || Files.exists(markers.resolve("info-attributes-clean")),
                "JGit's own status ran a planted clean filter: " + markersFound());
    }

    @Test
    void controlGitStatusRunsTheFilterAndTheFsmonitor() {
        git.run(repo, "status", "--porcelain");
        List<String> found = markersFound();
        assertTrue(found.contains("fsmonitor"), found.toString());
        assertTrue(found.contains("info-attributes-clean") || found.contains("clean") || found.contains("includeIf-clean"),
                found.toString());
    }

    private BuildRequest request(Tier tier, Path outDir) {
        return BuildRequest.builder()
                .workspace(repo).outDir(outDir).outputs(List.of(new OutputGlob("dist/app.out")))
                .command(List.of("./build.sh")).tier(tier).timeout(Duration.ofMinutes(5)).build();
    }

    private String marker(String name) {
        return "touch " + markers.resolve(name);
    }

    private Path script(Path file, String marker) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\ntouch '" + markers.resolve(marker) + "'\nexit 1\n");
        file.toFile().setExecutable(true);
        return file;
    }

    private void assertNoMarkers() {
        assertEquals(List.of(), markersFound(), "a planted git mechanism ran on the host");
    }

    private List<String> markersFound() {
        try (Stream<Path> files = Files.list(markers)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".sh") && !n.endsWith(".cfg")).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
