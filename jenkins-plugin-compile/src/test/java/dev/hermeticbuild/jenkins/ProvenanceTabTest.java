package dev.hermeticbuild.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.report.BuildStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Provenance tab (and its api/json) shows for a real release-tier provenance of examples/hello. */
class ProvenanceTabTest {

    static final String HELLO = "5123b679aa1fc82a63328b4f7761b14d85f668d595e5331c3ed53d45e3658dd4";

    static ProvenanceAction actionWithFixture(Path dir) throws IOException {
        try (InputStream in = ProvenanceTabTest.class.getResourceAsStream("hello-release.provenance.json")) {
            Files.write(dir.resolve("provenance.json"), in.readAllBytes());
        }
        ProvenanceAction action = new ProvenanceAction(dir.toFile());
        action.addProvenance("provenance.json", "sbom.cdx.json");
        return action;
    }

    @Test
    void showsSubjectsSourceBuilderAndMeasuredIsolation(@TempDir Path dir) throws IOException {
        ProvenanceAction action = actionWithFixture(dir);
        ProvenanceView p = action.getProvenance().get(0);
        assertEquals(List.of(Map.of("name", "build/hello.jar", "sha256", HELLO)), p.getSubjects());
        assertEquals("https://jenkins.example.com/", p.getBuilderId());
        assertEquals("git+https://git.example.com/hello.git", p.getSourceUri());
        assertEquals(40, p.getSourceCommit().length());
        assertEquals("release", p.getTier());
        assertEquals("bubblewrap", p.getIsolationMechanism());
        assertTrue(p.isEgressBlocked());
        assertTrue(p.isHermetic());
        assertEquals(9, p.getEgressProbe().size());
        assertTrue(p.getEgressProbe().stream().allMatch(e -> Boolean.FALSE.equals(e.get("reached"))), "a boolean, not \"false\"");
        assertEquals("git+https://git.example.com/hello.git @ " + p.getSourceCommit(), p.getSourceText());
        assertNull(p.getImage());
        assertEquals("1", p.getSbom().get("components"));
        assertEquals(List.of("sbom.cdx.json"), action.getSboms());
        assertEquals("provenance", action.getUrlName());
        assertEquals("Provenance", action.getDisplayName());
    }

    /** The job page and api/json ask every build for its status: parsed once, recomputed only on a change. */
    @Test
    void theParsedProvenanceIsKeptUntilTheActionChanges(@TempDir Path dir) throws IOException {
        ProvenanceAction action = actionWithFixture(dir);
        BuildStatus before = action.getStatus();
        Files.delete(dir.resolve("provenance.json"));
        assertEquals(before, action.getStatus(), "not re-read");
        assertEquals(1, action.getProvenance().size());
        action.addSignature(new SignatureRecord("build/hello.jar", "b.sigstore.json", "signature", "ab12"));
        assertThrows(dev.hermeticbuild.InputException.class, action::getStatus, "a change is re-read");
    }

    @Test
    void statusFollowsSignaturesAndVerifications(@TempDir Path dir) throws IOException {
        ProvenanceAction action = actionWithFixture(dir);
        assertEquals(new BuildStatus(true, false, "not verified"), action.getStatus());
        action.addSignature(new SignatureRecord("build/hello.jar", "build_hello.jar.sigstore.json", "signature", "ab12"));
        action.addVerification(new VerificationRecord("build/hello.jar", true, "ab12", List.of("signature")));
        assertEquals(new BuildStatus(true, true, "verified"), action.getStatus());
        action.addVerification(new VerificationRecord("build/hello.jar", false, null, List.of("signature invalid")));
        assertEquals("failed", action.getStatus().verification());
        HermeticJobAction.Row row = new HermeticJobAction.Row(7, action.getStatus());
        assertTrue(row.isHermetic() && row.isSigned());
        assertEquals("failed", row.getVerification());
    }

    @Test
    void theStepReturnsOutputsWithDigestsAndTheHermeticFlag(@TempDir Path dir) throws IOException {
        ProvenanceView p = actionWithFixture(dir).getProvenance().get(0);
        Map<String, Object> r = BuildRecorder.result(p.summary(), "hermetic/provenance.json", "hermetic/sbom.cdx.json");
        assertEquals(List.of(Map.of("name", "build/hello.jar", "sha256", HELLO)), r.get("outputs"));
        assertEquals("hermetic/provenance.json", r.get("provenance"));
        assertEquals(true, r.get("hermetic"));
    }

    @Test
    void aBuildWithoutProvenanceIsNotHermetic(@TempDir Path dir) {
        assertFalse(new ProvenanceAction(dir.toFile()).getStatus().hermetic());
    }

    @Test
    void showsReproducibilityResultsWithTheirExplanation(@TempDir Path dir) throws IOException {
        var report = new dev.hermeticbuild.rebuild.ReproducibilityReport(dev.hermeticbuild.rebuild.ReproducibilityReport.Status.NOT_REPRODUCIBLE,
                List.of(new dev.hermeticbuild.rebuild.ReproducibilityReport.SubjectResult("dist/a.txt", "aa", "bb",
                        List.of("    -built on hermetic", "    +built on rebuilder-varied"))),
                List.of(new dev.hermeticbuild.rebuild.VariationPlan.Outcome(dev.hermeticbuild.rebuild.Variation.HOSTNAME, true, "host name")),
                null, List.of());
        Files.write(dir.resolve("reproducibility.json"), dev.hermeticbuild.rebuild.ReproducibilityStatement.of(report, "rebuildCheck"));
        ProvenanceAction action = new ProvenanceAction(dir.toFile());
        action.addReproducibility("reproducibility.json");
        ReproducibilityView view = action.getReproducibility().get(0);
        assertFalse(view.isReproducible());
        assertEquals("not-reproducible", view.getStatus());
        assertEquals(List.of("    -built on hermetic", "    +built on rebuilder-varied"), view.getOutputs().get(0).get("explanation"));
    }
}
