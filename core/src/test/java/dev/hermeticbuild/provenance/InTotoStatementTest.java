package dev.hermeticbuild.provenance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.rebuild.RecordedBuild;
import dev.hermeticbuild.report.ReproducibilitySummary;
import dev.hermeticbuild.bundle.MalformedBundleException;
import dev.hermeticbuild.bundle.StrictJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one statement reader: each malformed field is named by its JSON path; what it writes reads back to the same bytes. */
class InTotoStatementTest {

    private static final String SHA = "ab".repeat(32);

    static byte[] fixture() throws IOException {
        try (InputStream in = InTotoStatementTest.class.getResourceAsStream("hello-release.provenance.json")) {
            return in.readAllBytes();
        }
    }

    private static String statement(String predicate) {
        return "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\",\"digest\":{\"sha256\":\""
                + SHA + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":" + predicate + "}";
    }

    private static String rejection(String json) {
        return assertThrows(MalformedBundleException.class,
                () -> InTotoStatement.parse(json.getBytes(StandardCharsets.UTF_8), "$").slsaProvenance()).getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"buildDefinition\":{\"buildType\":7}}|$.predicate.buildDefinition.buildType: must be a string, found number",
        "{\"buildDefinition\":{\"externalParameters\":[]}}|$.predicate.buildDefinition.externalParameters: must be an object, found array",
        "{\"buildDefinition\":{\"resolvedDependencies\":{}}}|$.predicate.buildDefinition.resolvedDependencies: must be an array, found object",
        "{\"buildDefinition\":{\"resolvedDependencies\":[{\"name\":\"s\",\"digest\":{\"gitCommit\":1}}]}}|$.predicate.buildDefinition.resolvedDependencies[0].digest.gitCommit: must be a string, found number",
        "{\"runDetails\":{\"builder\":{\"id\":true}}}|$.predicate.runDetails.builder.id: must be a string, found boolean",
        "{\"runDetails\":{\"metadata\":{\"finishedOn\":{}}}}|$.predicate.runDetails.metadata.finishedOn: must be a string, found object",
        "{\"runDetails\":{\"byproducts\":[{\"mediaType\":[]}]}}|$.predicate.runDetails.byproducts[0].mediaType: must be a string, found array",
    })
    void eachMalformedPredicateFieldIsNamed(String predicate, String expected) {
        assertEquals("malformed bundle: " + expected, rejection(statement(predicate)));
    }

    @Test
    void eachMalformedStatementFieldIsNamed() {
        String ok = statement("{}");
        assertEquals("malformed bundle: $._type: unsupported statement type x (expected https://in-toto.io/Statement/v1)",
                assertThrows(MalformedBundleException.class, () -> parse(ok.replace("https://in-toto.io/Statement/v1", "x"))).getMessage());
        assertEquals("malformed bundle: $.subject: empty subject list",
                assertThrows(MalformedBundleException.class, () -> parse(ok.replaceFirst("\\[.*]", "[]"))).getMessage());
        assertEquals("malformed bundle: $.subject[0].digest.sha256: not 64 lowercase hex digits: AB",
                assertThrows(MalformedBundleException.class, () -> parse(ok.replace(SHA, "AB"))).getMessage());
        assertEquals("malformed bundle: $.predicateType: must be a string, found number",
                assertThrows(MalformedBundleException.class,
                        () -> parse(ok.replace("\"https://slsa.dev/provenance/v1\"", "1"))).getMessage());
        assertEquals("malformed bundle: $.predicate: must be an object",
                assertThrows(MalformedBundleException.class, () -> parse(ok.replace("\"predicate\":{}", "\"predicate\":[]"))).getMessage());
    }

    @Test
    void aRecordedStatementMayHaveNoSubjectsAndDigestsAsWritten() {
        String ok = statement("{}").replace(SHA, "aa");
        var read = InTotoStatement.parse(ok.getBytes(StandardCharsets.UTF_8), "$", InTotoStatement.Rules.RECORDED);
        assertEquals("aa", read.subjects().get(0).sha256());
        assertEquals(List.of(), InTotoStatement.parse(ok.replaceFirst("\\[.*]", "[]").getBytes(StandardCharsets.UTF_8), "$",
                InTotoStatement.Rules.RECORDED).subjects());
    }

    @Test
    void inputErrorsNameTheInputAndThePath() {
        var e = assertThrows(InputException.class, () -> InTotoStatement.read("{}".getBytes(StandardCharsets.UTF_8), "x.json",
                InTotoStatement.Rules.RECORDED));
        assertEquals("x.json is not a valid in-toto statement: $._type: missing", e.getMessage());
        var rebuild = assertThrows(InputException.class, () -> RecordedBuild.parse(
                statement("{\"buildDefinition\":{\"buildType\":7}}").getBytes(StandardCharsets.UTF_8)));
        assertEquals("the provenance is not valid SLSA provenance v1: $.predicate.buildDefinition.buildType: must be a string, found number",
                rebuild.getMessage());
    }

    @Test
    void anUnknownPredicateTypeIsRefusedWhereOnlyOneIsRead() {
        byte[] bom = statement("{}").replace("https://slsa.dev/provenance/v1", StatementTypes.CYCLONEDX_BOM)
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("the provenance's predicateType is https://cyclonedx.org/bom, not SLSA provenance v1",
                assertThrows(InputException.class, () -> RecordedBuild.parse(bom)).getMessage());
        assertEquals("f is not a reproducibility result (predicateType https://cyclonedx.org/bom)",
                assertThrows(InputException.class, () -> ReproducibilitySummary.of(bom, "f")).getMessage());
    }

    @Test
    void aRunnerStatementRoundTripsToTheSameBytes() throws IOException {
        byte[] written = fixture();
        InTotoStatement read = InTotoStatement.parse(written, "$");
        var again = Statement.slsa(read.subjectDescriptors(), read.slsaProvenance());
        byte[] rewritten = ProvenanceJson.toBytes(again);
        InTotoStatement reread = InTotoStatement.parse(rewritten, "$");
        assertArrayEquals(rewritten, ProvenanceJson.toBytes(Statement.slsa(reread.subjectDescriptors(), reread.slsaProvenance())));
        assertEquals(StrictJson.parse(written, "$"), StrictJson.parse(rewritten, "$"));
    }

    @Test
    void aCiStatementRoundTripsToTheSameBytes() {
        var inv = new CiProvenance.Invocation("https://ci.example/", "https://ci.example/job/a/1/", "a", 1,
                java.util.Optional.of("https://git.example/a.git"), java.util.Optional.of("c".repeat(40)),
                java.time.Instant.parse("2026-01-01T00:00:00Z"));
        byte[] written = ProvenanceJson.toBytes(CiProvenance.statement(inv, List.of(ResourceDescriptor.subject("a.jar", SHA)),
                List.of(), java.time.Instant.parse("2026-01-01T00:01:00Z")));
        InTotoStatement read = InTotoStatement.parse(written, "$");
        assertArrayEquals(written, ProvenanceJson.toBytes(Statement.slsa(read.subjectDescriptors(), read.slsaProvenance())));
    }

    @Test
    void anSbomPredicateIsWrittenAsRead() {
        ObjectNode bom = StrictJson.mapper().createObjectNode().put("bomFormat", "CycloneDX").put("specVersion", "1.6");
        var statement = Statement.of(List.of(ResourceDescriptor.subject("a", SHA)), new SbomPredicate(bom));
        assertEquals(StatementTypes.CYCLONEDX_BOM, statement.predicateType());
        assertEquals(bom, StrictJson.parse(ProvenanceJson.toBytes(statement), "$").path("predicate"));
        assertThrows(InputException.class, () -> new SbomPredicate(StrictJson.mapper().createObjectNode()));
    }

    @Test
    void aReproducibilityStatementWithAnUnknownNormalizedDigestRoundTripsToTheSameBytes() {
        var results = List.of(
                new ReproducibilityPredicate.Result("a.jar", false, SHA, SHA.replace('a', 'b'),
                        new ReproducibilityPredicate.Digest(SHA), new ReproducibilityPredicate.Digest(null), List.of("only one build made it")),
                new ReproducibilityPredicate.Result("b.jar", true, SHA, SHA, null, null, List.of()));
        var predicate = new ReproducibilityPredicate("not-reproducible", false, false, true, "zip timestamps", "hermetic check-reproducible",
                null, null, null, null, List.of(), null, results, List.of());
        byte[] written = ProvenanceJson.toBytes(Statement.of(List.of(ResourceDescriptor.subject("a.jar", SHA)), predicate));
        String json = new String(written, StandardCharsets.UTF_8);
        assertTrue(json.contains("\"normalizedSecond\" : null"), json);
        InTotoStatement read = InTotoStatement.parse(written, "$");
        assertEquals(new ReproducibilityPredicate.Digest(null), read.reproducibility().results().get(0).normalizedSecond());
        assertEquals(null, read.reproducibility().results().get(1).normalizedFirst());
        assertArrayEquals(written, ProvenanceJson.toBytes(Statement.of(read.subjectDescriptors(), read.reproducibility())));
    }

    @Test
    void aNormalizedDigestOfAnotherJsonTypeIsNamed() {
        byte[] written = ProvenanceJson.toBytes(Statement.of(List.of(ResourceDescriptor.subject("a.jar", SHA)),
                new ReproducibilityPredicate("reproducible", true, false, true, "n", "i", null, null, null, null, List.of(), null,
                        List.of(new ReproducibilityPredicate.Result("a.jar", true, SHA, SHA,
                                new ReproducibilityPredicate.Digest(SHA), new ReproducibilityPredicate.Digest(SHA), List.of())),
                        List.of())));
        String broken = new String(written, StandardCharsets.UTF_8).replaceFirst("\"normalizedFirst\" : \"[0-9a-f]+\"", "\"normalizedFirst\" : 7");
        MalformedBundleException e = assertThrows(MalformedBundleException.class,
                () -> InTotoStatement.parse(broken.getBytes(StandardCharsets.UTF_8), "$").reproducibility());
        assertTrue(e.getMessage().contains("normalizedFirst"), e.getMessage());
    }

    @Test
    void freeFormParametersReadAsEmptyWhenOfAnotherType() {
        Map<String, Object> p = Map.of("tier", 1, "source", Map.of("repository", "r"), "n", 5L);
        assertEquals(java.util.Optional.empty(), Parameters.text(p, "tier"));
        assertEquals(java.util.Optional.of("r"), Parameters.text(p, "source", "repository"));
        assertEquals(java.util.Optional.empty(), Parameters.text(p, "tier", "deeper"));
        assertEquals(java.util.Optional.of(5L), Parameters.integer(p, "n"));
    }

    private static InTotoStatement parse(String json) {
        return InTotoStatement.parse(json.getBytes(StandardCharsets.UTF_8), "$");
    }
}
