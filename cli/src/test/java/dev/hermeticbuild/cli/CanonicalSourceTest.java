package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermeticbuild.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.hermeticbuild.cli.BuildCommandTest.Run;
import static dev.hermeticbuild.cli.BuildCommandTest.hermetic;

/**
 * A checkout cloned from a mirror: the caller states the canonical repository, provenance records
 * both, and {@code verify --source} matches the canonical one.
 */
class CanonicalSourceTest {

    @TempDir
    Path dir;

    @Test
    void aMirrorCloneRecordsBothAndVerifyMatchesTheCanonicalRepository() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        GitFixture.write(ws.resolve("build.sh"), "#!/bin/sh\nmkdir -p dist && echo app > dist/app.txt\n");
        ws.resolve("build.sh").toFile().setExecutable(true);
        GitFixture.write(ws.resolve(".gitignore"), "dist/\n");
        GitFixture.commitAll(ws, "https://mirror.internal.example/github/org/app.git");
        Path keys = Files.createDirectories(dir.resolve("keys"));
        assertEquals(0, hermetic("keygen", "--key", keys.resolve("k.pem").toString()).exit());
        Path out = dir.resolve("out");

        Run built = hermetic("build", "-C", ws.toString(), "--out", out.toString(), "--output", "dist/*.txt",
                "--canonical-source", "https://ci-bot:ghp_SECRET@GitHub.com/org/app.git",
                "--sign-key", keys.resolve("k.pem").toString(), "--", "./build.sh");
        assertEquals(0, built.exit(), built.err());
        String text = Files.readString(out.resolve("provenance.json"));
        assertFalse(text.contains("SECRET") || text.contains("ci-bot"), text);
        JsonNode def = new ObjectMapper().readTree(text).path("predicate").path("buildDefinition");
        assertEquals("git+https://github.com/org/app.git", def.at("/externalParameters/source/repository").asText());
        JsonNode source = def.path("resolvedDependencies").get(0);
        assertEquals("git+https://mirror.internal.example/github/org/app.git@refs/heads/main", source.path("uri").asText(),
                "the remote it was really fetched from stays on record");
        assertEquals("git+https://github.com/org/app.git", source.at("/annotations/canonicalRepository").asText());

        String artifact = out.resolve("dist/app.txt").toString();
        String bundle = out.resolve("provenance.sigstore.json").toString();
        Run canonical = hermetic("verify", "--pub", keys.resolve("k.pub").toString(), "--bundle", bundle, "--artifact", artifact,
                "--source", "git@github.com:org/app.git");
        assertEquals(0, canonical.exit(), canonical.out() + canonical.err());
        Run mirror = hermetic("verify", "--pub", keys.resolve("k.pub").toString(), "--bundle", bundle, "--artifact", artifact,
                "--source", "https://mirror.internal.example/github/org/app.git", "--json");
        assertEquals(1, mirror.exit(), mirror.out() + mirror.err());
        JsonNode reasons = JsonOutputSchema.result(mirror.exit(), mirror.out(), mirror.err()).path("failures");
        assertEquals("source", reasons.get(0).path("code").asText(), mirror.out());
        assertTrue(reasons.get(0).path("message").asText().contains("git+https://github.com/org/app.git"), mirror.out());
    }

    @Test
    void aCanonicalSourceThatNamesNoRepositoryIsRefusedBeforeTheBuild() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        GitFixture.write(ws.resolve("build.sh"), "#!/bin/sh\ntouch ran\n");
        for (String bad : new String[] {"/srv/git/app.git", "svn://host/app", "https://user:pw@/nohost"}) {
            Run r = hermetic("build", "-C", ws.toString(), "--out", dir.resolve("out").toString(), "--output", "x",
                    "--canonical-source", bad, "--", "sh", "./build.sh");
            assertEquals(2, r.exit(), bad + ": " + r.err());
            assertTrue(r.err().contains("canonical source"), r.err());
            assertFalse(r.err().contains("pw@"), "no credential in the message: " + r.err());
            assertFalse(Files.exists(ws.resolve("ran")), "nothing ran for " + bad);
        }
    }
}
