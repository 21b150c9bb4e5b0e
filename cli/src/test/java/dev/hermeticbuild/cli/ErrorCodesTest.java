package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermeticbuild.bundle.MalformedBundleException;
import dev.hermeticbuild.verify.VerificationException;
import dev.hermeticbuild.verify.VerificationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The --json codes the CLI gives are the engine's own where both name the same failure. */
class ErrorCodesTest {

    @Test
    void aMalformedBundleHasTheVerificationCodeWhereverItIsFound() {
        List<JsonReport.Error> errors = ErrorCodes.of(new MalformedBundleException("$.mediaType", "missing"));
        assertEquals(VerificationFailure.Code.MALFORMED_BUNDLE.id(), errors.get(0).code());
    }

    @Test
    void eachVerificationFailureKeepsItsOwnCode() {
        var failures = List.of(VerificationFailure.of(VerificationFailure.Code.UNKNOWN_KEY, "unknown key 0c41"),
                VerificationFailure.of(VerificationFailure.Code.NOT_HERMETIC, "not hermetic: tier dev is not release"));
        assertEquals(List.of("unknown-key", "not-hermetic"),
                ErrorCodes.of(new VerificationException(failures)).stream().map(JsonReport.Error::code).toList());
    }
}
