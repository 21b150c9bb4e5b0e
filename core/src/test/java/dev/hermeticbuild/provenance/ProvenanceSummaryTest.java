package dev.hermeticbuild.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.report.BuildStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The summary of a real statement: one written by {@code hermetic build --tier release} of examples/hello. */
class ProvenanceSummaryTest {

    static byte[] fixture() throws IOException {
        try (InputStream in = ProvenanceSummaryTest.class.getResourceAsStream("hello-release.provenance.json")) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsWhatTheRunnerMeasured() throws IOException {
        ProvenanceSummary s = ProvenanceSummary.of(fixture(), "fixture");
        assertEquals(List.of(new ProvenanceSummary.Subject("build/hello.jar",
                "5123b679aa1fc82a63328b4f7761b14d85f668d595e5331c3ed53d45e3658dd4")), s.subjects());
        assertEquals("https://slsa.dev/provenance/v1", s.predicateType());
        assertEquals(Optional.of("https://jenkins.example.com/"), s.builderId());
        assertEquals(Optional.of("release"), s.tier());
        assertEquals(Optional.of("git+https://git.example.com/hello.git"), s.source().orElseThrow().uri());
        assertEquals(40, s.source().orElseThrow().commit().orElseThrow().length());
        ProvenanceSummary.Isolation isolation = s.isolation().orElseThrow();
        assertEquals("bubblewrap", isolation.mechanism());
        assertTrue(isolation.hermetic() && isolation.egressBlocked());
        assertEquals(9, isolation.probe().size());
        assertTrue(isolation.probe().stream().noneMatch(ProvenanceSummary.ProbeResult::reached));
        assertTrue(s.hermetic());
        assertEquals(Optional.empty(), s.image());
        assertEquals(List.of(), s.dependencies());
        ProvenanceSummary.SbomSummary sbom = s.sbom().orElseThrow();
        assertEquals("sbom.cdx.json", sbom.file());
        assertEquals(1, sbom.components());
        assertEquals(1, sbom.withHashes());
        assertTrue(s.covers("5123b679aa1fc82a63328b4f7761b14d85f668d595e5331c3ed53d45e3658dd4"));
        assertFalse(s.covers("00"));
    }

    @Test
    void aDevBuildOrOneThatReachedSomethingIsNotHermetic() {
        String dev = """
                {"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"a","digest":{"sha256":"ab"}}],
                 "predicateType":"https://slsa.dev/provenance/v1","predicate":{"buildDefinition":{
                 "externalParameters":{"tier":"dev"},"internalParameters":{"isolation":{"mechanism":"none",
                 "hermetic":false,"egressBlocked":false,"egressProbe":[{"target":"tcp:1.2.3.4:80","description":"x","reached":true}]}},
                 "resolvedDependencies":[{"name":"builder-image","digest":{"sha256":"cd"}},
                 {"name":"pkg@1","uri":"pkg:maven/a/b@1","digest":{"sha512":"2","sha256":"1"}}]}}}
                """;
        ProvenanceSummary s = ProvenanceSummary.of(dev.getBytes(StandardCharsets.UTF_8), "dev");
        assertFalse(s.hermetic());
        assertTrue(s.isolation().orElseThrow().probe().get(0).reached());
        assertEquals(Optional.of("cd"), s.image());
        assertEquals(List.of("sha256:1", "sha512:2"), s.dependencies().get(0).digests());
        assertEquals(Optional.empty(), s.sbom());
        assertEquals(Optional.empty(), s.builderId());
    }

    @Test
    void somethingElseIsRefusedNamingIt() {
        var e = assertThrows(InputException.class,
                () -> ProvenanceSummary.of("{\"a\":1}".getBytes(StandardCharsets.UTF_8), "x.json"));
        assertEquals("x.json is not an in-toto statement (no subject list)", e.getMessage());
    }

    @Test
    void buildStatusNeedsEveryProvenanceHermetic() throws IOException {
        ProvenanceSummary hermetic = ProvenanceSummary.of(fixture(), "fixture");
        assertEquals(new BuildStatus(true, true, "verified"), BuildStatus.of(List.of(hermetic), 2, List.of(true)));
        assertEquals(new BuildStatus(false, false, "not verified"), BuildStatus.of(List.of(), 0, List.of()));
        assertEquals("failed", BuildStatus.of(List.of(hermetic), 1, List.of(true, false)).verification());
    }
}
