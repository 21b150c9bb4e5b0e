package dev.hermeticbuild.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.build.BuildRequest;
import dev.hermeticbuild.build.Tier;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real builds in real sandboxes, the second varied: caught with the right explanation, or shown reproducible. */
class ReproducibilityCheckTest {

    static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path out;

    @Test
    void theDeliberatelyUnreproducibleExampleIsCaughtAndExplained() {
        ReproducibilityReport r = check("unreproducible", List.of("dist/*"), List.of("make"), EnumSet.allOf(Variation.class), false);
        assertEquals(ReproducibilityReport.Status.NOT_REPRODUCIBLE, r.status());
        var info = r.subjects().stream().filter(s -> s.path().equals("dist/build-info.txt")).findFirst().orElseThrow();
        assertTrue(info.explanation().contains("    -built on hermetic"), info.explanation().toString());
        assertTrue(info.explanation().contains("    +built on " + VariationPlan.VARIED_HOSTNAME), info.explanation().toString());
        String first = info.explanation().stream().filter(l -> l.startsWith("    -built at ")).findFirst().orElseThrow();
        String second = info.explanation().stream().filter(l -> l.startsWith("    +built at ")).findFirst().orElseThrow();
        long days = java.time.Duration.between(java.time.Instant.parse(first.substring(14)), java.time.Instant.parse(second.substring(14))).toDays();
        assertTrue(days >= 396 && days <= 398, "the clock was shifted by 397 days: " + first + " / " + second);
        var jar = r.subjects().stream().filter(s -> s.path().equals("dist/app.jar")).findFirst().orElseThrow();
        assertTrue(jar.explanation().stream().anyMatch(l -> l.startsWith("dist/app.jar!app/App.class: timestamp")), jar.explanation().toString());
        assertEquals(Variation.values().length, r.variations().size(), "every requested variation is reported, applied or not");
        assertEquals(List.of(), r.culprits(), "the example embeds the wall clock: no variation is to blame");
        assertTrue(r.culpritSearch().contains("a control build without any variation already differs"), r.culpritSearch());
    }

    @Test
    void theVariationThatAloneCausesADifferenceIsNamed(@TempDir Path ws) throws Exception {
        Files.writeString(ws.resolve("build.sh"), "#!/bin/sh\nset -e\nmkdir -p dist\ndate -d @0 +%z > dist/zone.txt\necho same > dist/fixed.txt\n");
        ws.resolve("build.sh").toFile().setExecutable(true);
        BuildRequest request = BuildRequest.builder()
                .workspace(ws).outDir(out).outputs(List.of(new OutputGlob("dist/*"))).command(List.of("./build.sh"))
                .tier(Tier.DEV).timeout(Duration.ofMinutes(5)).build();
        ReproducibilityReport r = ReproducibilityCheck.run(request, EnumSet.of(Variation.HOSTNAME, Variation.TIMEZONE, Variation.UMASK),
                false, new ByteArrayOutputStream(), Map.of());
        assertEquals(ReproducibilityReport.Status.NOT_REPRODUCIBLE, r.status());
        assertEquals(List.of(Variation.TIMEZONE), r.culprits(), r.culpritSearch());
        assertTrue(r.culpritSearch().startsWith("a control build matched; 3 more builds"), r.culpritSearch());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ReproducibilityStatement.of(r, "test"));
        assertEquals("timezone", json.at("/predicate/culprits/variations/0").asText(), json.toString());
        assertEquals(1, json.at("/predicate/culprits/variations").size(), json.toString());
    }

    @Test
    void aNormalizedVerdictSaysSoAndKeepsTheRealDigests() throws Exception {
        ReproducibilityReport r = check("unreproducible", List.of("dist/app.jar"), List.of("make", "dist/app.jar"),
                EnumSet.of(Variation.TIME, Variation.TIMEZONE), true);
        assertEquals(ReproducibilityReport.Status.REPRODUCIBLE, r.status(), r.toString());
        var jar = r.subjects().get(0);
        assertTrue(!jar.bitForBit() && !jar.firstSha256().equals(jar.rawFirstSha256()), "normalized digests are not the built ones");
        assertEquals(dev.hermeticbuild.digest.Sha256.ofFile(out.resolve("first/dist/app.jar")), jar.firstSha256());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ReproducibilityStatement.of(r, "test",
                new ReproducibilityStatement.Context("first/provenance.json", Optional.of("ab".repeat(32)), "https://rebuilder.example",
                        java.time.Instant.parse("2026-12-02T00:00:00Z"))));
        assertEquals(jar.rawFirstSha256(), json.at("/subject/0/digest/sha256").asText(), "the subject is the artifact as built");
        assertTrue(json.at("/predicate/normalized").asBoolean());
        assertTrue(!json.at("/predicate/bitForBit").asBoolean());
        assertTrue(json.at("/predicate/normalization").asText().contains("zip/jar entries sorted"));
        assertEquals(jar.firstSha256(), json.at("/predicate/results/0/normalizedFirst").asText());
        assertEquals(jar.rawSecondSha256(), json.at("/predicate/results/0/second").asText());
        assertEquals("ab".repeat(32), json.at("/predicate/provenance/digest/sha256").asText());
        assertEquals("https://rebuilder.example", json.at("/predicate/rebuilder/id").asText());
        assertEquals("2026-12-02T00:00:00Z", json.at("/predicate/checkedOn").asText());
    }

    @Test
    void archiveOnlyNonDeterminismPassesAfterNormalization() {
        ReproducibilityReport before = check("unreproducible", List.of("dist/app.jar"), List.of("make", "dist/app.jar"),
                EnumSet.of(Variation.TIME, Variation.TIMEZONE), false);
        assertEquals(ReproducibilityReport.Status.NOT_REPRODUCIBLE, before.status());
        ReproducibilityReport after = check("unreproducible", List.of("dist/app.jar"), List.of("make", "dist/app.jar"),
                EnumSet.of(Variation.TIME, Variation.TIMEZONE), true);
        assertEquals(ReproducibilityReport.Status.REPRODUCIBLE, after.status(), after.toString());
    }

    @Test
    void examplesHelloIsReproducibleUnderEveryVariation() {
        ReproducibilityReport r = check("hello", List.of("build/*.jar"), List.of("make"), EnumSet.allOf(Variation.class), false);
        assertEquals(ReproducibilityReport.Status.REPRODUCIBLE, r.status(), r.toString());
    }

    /** An OCI archive output is compared as the file it is, under every variation, and each build recognises its image. */
    @Test
    void anOciArchiveOutputIsComparedAsItsFile(@TempDir Path ws) throws Exception {
        String manifest = dev.hermeticbuild.image.LayoutFixture.single(ws.resolve("layout"), "hello").manifests().get(0);
        Files.writeString(ws.resolve("build.sh"), "#!/bin/sh\nset -e\nmkdir -p dist\ntar --sort=name --mtime=@0 --owner=0 --group=0"
                + " --numeric-owner --mode=u=rwX,go=rX -C layout -cf dist/image.tar .\n");
        ws.resolve("build.sh").toFile().setExecutable(true);
        BuildRequest request = BuildRequest.builder()
                .workspace(ws).outDir(out).outputs(List.of(new OutputGlob("dist/image.tar"))).command(List.of("./build.sh"))
                .tier(Tier.DEV).timeout(Duration.ofMinutes(5)).build();
        ReproducibilityReport r = ReproducibilityCheck.run(request, EnumSet.allOf(Variation.class), false, new ByteArrayOutputStream(), Map.of());
        assertEquals(ReproducibilityReport.Status.REPRODUCIBLE, r.status(), r.toString());
        assertEquals(List.of("dist/image.tar"), r.subjects().stream().map(ReproducibilityReport.SubjectResult::path).toList());
        for (String build : List.of("first", "second")) {
            String provenance = Files.readString(out.resolve(build).resolve(dev.hermeticbuild.build.HermeticBuild.PROVENANCE_FILE));
            assertTrue(provenance.contains("\"oci-archive:dist/image.tar\"") && provenance.contains(manifest), provenance);
        }
    }

    @Test
    void aBuildThatFailsWhenVariedIsAFailedRebuildNotAMismatch(@TempDir Path ws) throws Exception {
        Files.writeString(ws.resolve("build.sh"), "#!/bin/sh\nset -e\n[ \"$(cat /proc/sys/kernel/hostname)\" = hermetic ]\nmkdir -p dist\necho ok > dist/x\n");
        ws.resolve("build.sh").toFile().setExecutable(true);
        BuildRequest request = BuildRequest.builder()
                .workspace(ws).outDir(out).outputs(List.of(new OutputGlob("dist/x"))).command(List.of("./build.sh"))
                .tier(Tier.DEV).timeout(Duration.ofMinutes(5)).build();
        ReproducibilityReport r = ReproducibilityCheck.run(request, EnumSet.of(Variation.HOSTNAME), false, new ByteArrayOutputStream(), Map.of());
        assertEquals(ReproducibilityReport.Status.BUILD_FAILED, r.status());
        assertTrue(r.failure().contains("second (varied) build failed") && r.failure().contains("not a mismatch"), r.failure());
        assertTrue(r.failure().contains("log " + out.resolve("second.failed/build.log")), r.failure());
        assertTrue(Files.isRegularFile(out.resolve("second.failed/build.log")), "the published log is where the message says");
    }

    @Test
    void aSignedResultOfAnEarlierCheckDoesNotSurviveAnUnsignedOne(@TempDir Path ws, @TempDir Path keys) throws Exception {
        Files.writeString(ws.resolve("build.sh"), "#!/bin/sh\nmkdir -p dist && echo ok > dist/x\n");
        ws.resolve("build.sh").toFile().setExecutable(true);
        Path key = dev.hermeticbuild.sign.KeyGen.generate(dev.hermeticbuild.sign.KeyAlgorithm.ECDSA_P256, keys.resolve("k.pem"),
                keys.resolve("k.pub"), dev.hermeticbuild.sign.PassphraseSource.none()).privateKey();
        BuildRequest request = BuildRequest.builder()
                .workspace(ws).outDir(out).outputs(List.of(new OutputGlob("dist/x"))).command(List.of("./build.sh"))
                .tier(Tier.DEV).timeout(Duration.ofMinutes(5)).build();
        ReproducibilityCheck.run(request, EnumSet.of(Variation.HOSTNAME), false, new ByteArrayOutputStream(), Map.of(), "check-reproducible",
                Optional.of(new dev.hermeticbuild.build.SigningKey(key.toString(), dev.hermeticbuild.sign.PassphraseSource.none())));
        assertTrue(Files.isRegularFile(out.resolve(ReproducibilityCheck.RESULT_BUNDLE)));
        ReproducibilityReport r = ReproducibilityCheck.run(request, EnumSet.of(Variation.HOSTNAME), false, new ByteArrayOutputStream(), Map.of());
        assertEquals(ReproducibilityReport.Status.REPRODUCIBLE, r.status(), r.toString());
        assertTrue(Files.isRegularFile(out.resolve(ReproducibilityCheck.RESULT_FILE)));
        assertTrue(Files.notExists(out.resolve(ReproducibilityCheck.RESULT_BUNDLE)), "the earlier signature must be gone");
    }

    private ReproducibilityReport check(String example, List<String> globs, List<String> command, Set<Variation> vary, boolean normalize) {
        BuildRequest request = BuildRequest.builder()
                .workspace(EXAMPLES.resolve(example).toAbsolutePath().normalize()).outDir(out)
                .outputs(globs.stream().map(OutputGlob::new).toList()).command(command).tier(Tier.DEV)
                .timeout(Duration.ofMinutes(5)).build();
        return ReproducibilityCheck.run(request, vary, normalize, new ByteArrayOutputStream(), Map.of());
    }
}
