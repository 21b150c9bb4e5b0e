package dev.hermeticbuild.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ids and labels are part of the CLI's JSON contract: a rename or a new one must show up here. */
class VerificationCodesTest {

    @Test
    void eachFailureCodeKeepsItsIdAndNamesItsInput() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("malformed-bundle", "bundle");
        expected.put("key-revoked", "key");
        expected.put("unknown-key", "key");
        expected.put("signature-invalid", "bundle signature");
        expected.put("payload-type", "bundle payloadType");
        expected.put("subject-mismatch", "artifact");
        expected.put("predicate-type", "statement predicateType");
        expected.put("needs-attestation", "bundle");
        expected.put("keyless-untrusted", "trusted root");
        expected.put("keyless-invalid", "bundle certificate");
        expected.put("builder-id", "runDetails.builder.id");
        expected.put("source", "buildDefinition.resolvedDependencies");
        expected.put("source-commit", "buildDefinition.resolvedDependencies");
        expected.put("not-hermetic", "isolation");
        expected.put("max-age", "runDetails.metadata.finishedOn");
        Map<String, String> actual = new LinkedHashMap<>();
        for (VerificationFailure.Code c : VerificationFailure.Code.values()) {
            actual.put(c.id(), c.input());
        }
        assertEquals(expected, actual);
    }

    @Test
    void eachPassedCheckKeepsItsLabel() {
        assertEquals(List.of("signature", "payloadType", "keyless certificate and transparency log", "subject digest",
                        "builder id", "source", "source commit", "hermetic", "max age"),
                Arrays.stream(VerificationCheck.values()).map(VerificationCheck::label).toList());
    }
}
