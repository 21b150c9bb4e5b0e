package dev.hermeticbuild.verify;

import java.util.Objects;

/**
 * One reason a bundle was rejected: a stable code for machines ({@code --json}, alerting), a
 * short message, and the detail a person needs to act on it (what was expected, what was found).
 *
 * @param code    what kind of failure this is; its {@link Code#id()} never changes between versions
 * @param message the reason in one short sentence, e.g. {@code subject digest mismatch}
 * @param detail  expected and found values (digests, key ids), or empty when the message says all
 */
public record VerificationFailure(Code code, String message, String detail) {

    /**
     * The kinds of verification failure. Each id is part of the CLI's JSON contract and is spelled
     * out here, so renaming a constant cannot change it; {@link #input()} names what the user gave
     * (or what the signed statement says) that the failure is about.
     */
    public enum Code {
        MALFORMED_BUNDLE("malformed-bundle", "bundle"),
        KEY_REVOKED("key-revoked", "key"),
        UNKNOWN_KEY("unknown-key", "key"),
        SIGNATURE_INVALID("signature-invalid", "bundle signature"),
        PAYLOAD_TYPE("payload-type", "bundle payloadType"),
        SUBJECT_MISMATCH("subject-mismatch", "artifact"),
        PREDICATE_TYPE("predicate-type", "statement predicateType"),
        NEEDS_ATTESTATION("needs-attestation", "bundle"),
        KEYLESS_UNTRUSTED("keyless-untrusted", "trusted root"),
        KEYLESS_INVALID("keyless-invalid", "bundle certificate"),
        BUILDER_ID("builder-id", "runDetails.builder.id"),
        SOURCE("source", "buildDefinition.resolvedDependencies"),
        SOURCE_COMMIT("source-commit", "buildDefinition.resolvedDependencies"),
        NOT_HERMETIC("not-hermetic", "isolation"),
        MAX_AGE("max-age", "runDetails.metadata.finishedOn");

        private final String id;
        private final String input;

        Code(String id, String input) {
            this.id = id;
            this.input = input;
        }

        /** The stable id, e.g. {@code subject-mismatch}. */
        public String id() {
            return id;
        }

        /** What the failure is about, e.g. {@code artifact} or {@code runDetails.builder.id}. */
        public String input() {
            return input;
        }
    }

    public VerificationFailure {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(detail, "detail");
    }

    public static VerificationFailure of(Code code, String message) {
        return new VerificationFailure(code, message, "");
    }

    /** The message and, when there is one, the detail: how the CLI prints a reason. */
    public String explained() {
        return detail.isEmpty() ? message : message + " (" + detail + ")";
    }
}
