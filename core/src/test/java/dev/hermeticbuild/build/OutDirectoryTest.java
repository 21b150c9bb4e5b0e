package dev.hermeticbuild.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import dev.hermeticbuild.sign.PassphraseSource;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OUT is replaced whole by each run, never mixed with an earlier one, and the build cannot name a runner file. */
class OutDirectoryTest {

    @TempDir
    Path dir;
    Path workspace;
    Path out;
    Path key;

    @BeforeEach
    void project() throws Exception {
        workspace = Files.createDirectory(dir.resolve("ws"));
        out = dir.resolve("out");
        Files.writeString(workspace.resolve("build.sh"), "#!/bin/sh\nset -e\nmkdir -p dist\necho \"app $1\" > dist/app.txt\n"
                + "echo \"$2\" > provenance.json\necho \"$2\" > build.log\necho \"$2\" > app.txt.sigstore.json\n");
        workspace.resolve("build.sh").toFile().setExecutable(true);
        Path keys = Files.createDirectory(dir.resolve("keys"));
        key = KeyGen.generate(KeyAlgorithm.ECDSA_P256, keys.resolve("k.pem"), keys.resolve("k.pub"), PassphraseSource.none()).privateKey();
    }

    @Test
    void aStaleSignatureOfAnEarlierRunIsGoneAfterAnUnsignedRun() throws Exception {
        BuildResult signed = build(List.of("dist/*.txt"), Optional.of(new SigningKey(key.toString(), PassphraseSource.none())), "./build.sh", "1");
        assertTrue(signed.succeeded());
        assertEquals(List.of(out.resolve("provenance.sigstore.json"), out.resolve("sbom.sigstore.json")), signed.bundles());
        assertTrue(Files.isRegularFile(out.resolve("provenance.sigstore.json")));

        BuildResult unsigned = build(List.of("dist/*.txt"), Optional.empty(), "./build.sh", "2");
        assertTrue(unsigned.succeeded());
        assertFalse(Files.exists(out.resolve("provenance.sigstore.json")), "the earlier run's bundle must not sit beside the new provenance");
        assertFalse(Files.exists(out.resolve("sbom.sigstore.json")));
        assertEquals("app 2\n", Files.readString(out.resolve("dist/app.txt")));
        assertEquals(List.of("build.log", "dist", "provenance.json", "sbom.cdx.json"), names(out));
        assertEquals(List.of("out", "ws", "keys").stream().sorted().toList(), names(dir), "no staging or old directory is left");
    }

    @Test
    void aFailingBuildLeavesTheEarlierCompleteOutAndKeepsItsLogBeside() throws Exception {
        build(List.of("dist/*.txt"), Optional.of(new SigningKey(key.toString(), PassphraseSource.none())), "./build.sh", "1");
        Map<String, byte[]> before = contents(out);

        BuildResult failed = build(List.of("dist/*.txt"), Optional.empty(), "/bin/sh", "-c",
                "mkdir -p dist && echo half > dist/app.txt && echo compiling && exit 3");
        assertFalse(failed.succeeded());
        assertEquals(before.keySet(), contents(out).keySet());
        contents(out).forEach((name, bytes) -> assertTrue(java.util.Arrays.equals(before.get(name), bytes), name + " changed"));
        Path log = dir.resolve("out.failed/build.log");
        assertEquals(log, failed.buildLog());
        assertTrue(Files.readString(log).contains("compiling"));

        BuildResult next = build(List.of("dist/*.txt"), Optional.empty(), "./build.sh", "3");
        assertTrue(next.succeeded());
        assertFalse(Files.exists(dir.resolve("out.failed")), "a successful run removes the log of an earlier failure");
    }

    @Test
    void anOutputNamedLikeARunnerFileIsRefusedAndPublishesNothing() throws Exception {
        build(List.of("dist/*.txt"), Optional.empty(), "./build.sh", "1");
        Map<String, byte[]> before = contents(out);
        Map<String, String> globs = Map.of("provenance.json", "provenance.js?n", "build.log", "build.lo[g]",
                "app.txt.sigstore.json", "*.sigstore.json");
        for (String name : List.of("provenance.json", "build.log", "app.txt.sigstore.json")) {
            InputException e = assertThrows(InputException.class,
                    () -> build(List.of("dist/*.txt", globs.get(name)), Optional.empty(), "./build.sh", "2", "forged"));
            assertTrue(e.getMessage().contains("output " + name) && e.getMessage().contains("runner writes"), e.getMessage());
            assertTrue(e.getMessage().contains(dir.resolve("out.failed/build.log").toString()), e.getMessage());
            assertEquals(new String(before.get("provenance.json")), Files.readString(out.resolve("provenance.json")));
            assertEquals(new String(before.get("build.log")), Files.readString(out.resolve("build.log")));
            assertEquals("app 1\n", Files.readString(out.resolve("dist/app.txt")));
        }
    }

    @Test
    void aDirectoryOfOtherFilesIsNeverReplaced() throws Exception {
        Path other = Files.createDirectory(dir.resolve("photos"));
        Files.writeString(other.resolve("holiday.jpg"), "precious");
        BuildRequest r = request(List.of("dist/*.txt"), other, "./build.sh", "1");
        InputException e = assertThrows(InputException.class, () -> HermeticBuild.run(r, new ByteArrayOutputStream(), Map.of()));
        assertTrue(e.getMessage().contains("holds no build.log"), e.getMessage());
        assertEquals("precious", Files.readString(other.resolve("holiday.jpg")));

        BuildRequest parent = request(List.of("dist/*.txt"), dir, "./build.sh", "1");
        InputException p = assertThrows(InputException.class, () -> HermeticBuild.run(parent, new ByteArrayOutputStream(), Map.of()));
        assertTrue(p.getMessage().contains("contains the workspace"), p.getMessage());
        assertTrue(Files.isRegularFile(workspace.resolve("build.sh")));
    }

    private BuildResult build(List<String> outputs, Optional<SigningKey> signing, String... command) {
        return HermeticBuild.run(request(outputs, out, command), new ByteArrayOutputStream(), Map.of(), signing);
    }

    private BuildRequest request(List<String> outputs, Path outDir, String... command) {
        return BuildRequest.builder()
                .workspace(workspace).outDir(outDir).outputs(outputs.stream().map(OutputGlob::new).toList())
                .command(List.of(command)).tier(Tier.DEV).builderId("https://ci.example.com/hermetic")
                .timeout(Duration.ofMinutes(5)).build();
    }

    private static List<String> names(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Map<String, byte[]> contents(Path d) throws Exception {
        Map<String, byte[]> all = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.walk(d)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                all.put(d.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return all;
    }
}
