package dev.hermeticbuild.verify;

import java.util.Locale;
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

    /** The kinds of verification failure; ids are part of the CLI's JSON contract. */
    public enum Code {
        MALFORMED_BUNDLE, KEY_REVOKED, UNKNOWN_KEY, SIGNATURE_INVALID, PAYLOAD_TYPE, SUBJECT_MISMATCH,
        PREDICATE_TYPE, NEEDS_ATTESTATION, KEYLESS_UNTRUSTED, KEYLESS_INVALID, BUILDER_ID, SOURCE,
        SOURCE_COMMIT, NOT_HERMETIC, MAX_AGE;

        /** The stable id, e.g. {@code subject-mismatch}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
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
