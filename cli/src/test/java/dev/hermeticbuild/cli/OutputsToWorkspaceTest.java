package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.agent.BuildCommandLine;
import dev.hermeticbuild.agent.ImageArguments;
import dev.hermeticbuild.cli.BuildCommandTest.Run;
import dev.hermeticbuild.image.OciLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build --outputs-to-workspace}: a release build runs in a fresh export, so the steps after
 * it (a CI's signing on workspace files) find its outputs in the workspace only when copied back,
 * the very bytes the provenance names, and never through a symbolic link the repository holds.
 */
class OutputsToWorkspaceTest {

    @TempDir
    Path dir;

    private Path project(boolean linkedImage) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("build.sh"), "#!/bin/sh\nmkdir -p dist && printf 'the release\\n' > dist/app.txt\n");
        repo.resolve("build.sh").toFile().setExecutable(true);
        Files.writeString(repo.resolve(".gitignore"), "dist/\n");
        if (linkedImage) {
            Files.createDirectories(dir.resolve("elsewhere"));
            Files.createSymbolicLink(repo.resolve("image"), dir.resolve("elsewhere"));
        }
        PersonIdent who = new PersonIdent("test", "test@example.com", Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("app").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        return repo;
    }

    private Run build(Path repo) {
        return BuildCommandTest.hermetic("build", "-C", repo.toString(), "--out", dir.resolve("out").toString(), "--tier", "release",
                "--output", "dist/app.txt", "--image-base", "scratch", "--image-layer", "dist/app.txt:/srv/app.txt",
                "--outputs-to-workspace", "--json", "--", "./build.sh");
    }

    @Test
    void aReleaseBuildsOutputsAndImageLayoutLandInTheWorkspaceAsRecorded() throws Exception {
        Path repo = project(false);
        Run r = build(repo);
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode provenance = new ObjectMapper().readTree(dir.resolve("out/provenance.json").toFile());
        Map<String, String> subjects = new HashMap<>();
        provenance.get("subject").forEach(s -> subjects.put(s.get("name").asText(), s.at("/digest/sha256").asText()));
        assertEquals(subjects.get("dist/app.txt"), Sha256.ofFile(repo.resolve("dist/app.txt")));
        OciLayout layout = OciLayout.read(repo.resolve("image"));
        assertTrue(layout.subjects("image").stream().allMatch(s -> s.sha256().equals(subjects.get(s.name()))),
                layout.subjects("image") + " against " + subjects);
    }

    /** What a Jenkins hermeticBuild step with image parameters runs on its agent (the step runs it in the workspace; -C here). */
    @Test
    void theArgumentsOfACiStepWithAnImageBuildItIntoTheWorkspace() throws Exception {
        Path repo = project(false);
        var image = ImageArguments.of("scratch", "dist/app.txt:/srv/app.txt", "/bin/cat,/srv/app.txt", List.of("LANG=C.UTF-8"),
                List.of("org.opencontainers.image.title=app"), null, "dist/image");
        List<String> args = new ArrayList<>(BuildCommandLine.arguments("./build.sh", List.of("dist/app.txt"), "release", "auto",
                "https://ci.example.com/hermetic", dir.resolve("out").toString(), null, null, null, image, true));
        args.addAll(1, List.of("-C", repo.toString()));
        Run r = BuildCommandTest.hermetic(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode provenance = new ObjectMapper().readTree(dir.resolve("out/provenance.json").toFile());
        String digest = OciLayout.read(repo.resolve("dist/image")).subjects("dist/image").get(0).sha256();
        boolean named = false;
        for (JsonNode s : provenance.get("subject")) {
            named |= s.get("name").asText().equals("dist/image") && s.at("/digest/sha256").asText().equals(digest);
        }
        assertTrue(named, provenance.get("subject").toString());
        assertEquals("/bin/cat", provenance.at("/predicate/buildDefinition/externalParameters/image/entrypoint/0").asText());
    }

    @Test
    void aSymlinkTheRepositoryCommittedIsNotWrittenThrough() throws Exception {
        Path repo = project(true);
        Run r = build(repo);
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("copying output image/") && r.err().contains("image in the workspace is a symbolic link"), r.err());
        assertTrue(r.err().contains("the build itself succeeded and OUT is complete"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        try (var files = Files.list(dir.resolve("elsewhere"))) {
            assertEquals(0, files.count());
        }
        assertTrue(Files.exists(dir.resolve("out/provenance.json")));
    }
}
