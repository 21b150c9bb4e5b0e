package dev.hermeticbuild.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the provenance store, as written by {@code store put}, {@code build --store}, a
 * rebuild or a deploy-time verification. Its canonical JSON encoding ({@link RecordCodec}) is what the hash chain covers.
 *
 * @param kind        build provenance or rebuild outcome
 * @param recordedAt  when the store accepted it (the store's clock)
 * @param buildId     the caller's build id (e.g. a CI job URL), if given
 * @param subjects    the artifacts it is about, matched by sha256
 * @param build       facts read from the provenance statement (empty for rebuild records)
 * @param signature   how the bundle was checked at put time
 * @param sbom        summary of the build's SBOM, if one was given
 * @param rebuild     the rebuild outcome (rebuild records only)
 * @param verification the deploy-time check's outcome (verification records only)
 * @param bundle      the Sigstore bundle JSON exactly as received, if signed
 */
public record ProvenanceRecord(RecordKind kind, Instant recordedAt, Optional<String> buildId,
                               List<Subject> subjects, BuildFacts build, Signature signature,
                               Optional<SbomSummary> sbom, Optional<RebuildOutcome> rebuild,
                               Optional<VerificationOutcome> verification, Optional<String> bundle) {

    public ProvenanceRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(buildId, "buildId");
        subjects = List.copyOf(subjects);
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("a record needs at least one subject");
        }
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(sbom, "sbom");
        Objects.requireNonNull(rebuild, "rebuild");
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(bundle, "bundle");
        if ((kind == RecordKind.REBUILD) != rebuild.isPresent()) {
            throw new IllegalArgumentException("a rebuild outcome belongs to exactly the rebuild records");
        }
        if ((kind == RecordKind.VERIFICATION) != verification.isPresent()) {
            throw new IllegalArgumentException("a verification outcome belongs to exactly the verification records");
        }
    }

    /** An artifact: its name in the statement and its lowercase hex SHA-256. */
    public record Subject(String name, String sha256) {
        public Subject {
            Objects.requireNonNull(name, "name");
            if (!Digests.isSha256Hex(sha256)) {
                throw new IllegalArgumentException("subject " + name + ": not a sha256 hex digest: " + sha256);
            }
        }
    }

    /**
     * What the provenance says about the build, each empty when the statement does not say it.
     *
     * @param cacheHits   locked dependencies served from the dependency cache
     * @param cacheMisses locked dependencies the cache did not hold
     */
    public record BuildFacts(Optional<String> builderId, Optional<String> builderImage,
                             Optional<String> sourceUri, Optional<String> sourceCommit,
                             Optional<String> tier, Optional<Boolean> hermetic,
                             Optional<Instant> startedOn, Optional<Instant> finishedOn,
                             Optional<Long> cacheHits, Optional<Long> cacheMisses) {

        /** No facts (rebuild records). */
        public static BuildFacts none() {
            return new BuildFacts(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
    }

    /**
     * How the bundle was checked at put time.
     *
     * @param keyId        the signing key's id (the bundle's public-key hint), if signed
     * @param reasons      why verification failed ({@link SignatureStatus#FAILED} only)
     * @param verifyMillis how long verification took, if it ran
     */
    public record Signature(SignatureStatus status, Optional<String> keyId, List<String> reasons,
                            Optional<Long> verifyMillis) {
        public Signature {
            Objects.requireNonNull(status, "status");
            reasons = List.copyOf(reasons);
        }

        /** No signature at all. */
        public static Signature unsigned() {
            return new Signature(SignatureStatus.UNSIGNED, Optional.empty(), List.of(), Optional.empty());
        }
    }

    /**
     * The outcome of checking one subject where it was to run.
     *
     * @param sha256    the digest checked (an artifact's, or an image manifest's)
     * @param checker   what checked it: {@code verify} (the command) or {@code admission} (the webhook)
     * @param reference what was checked, as the caller named it (a file, an image reference), if given
     * @param passed    whether the policy let it run
     * @param reasons   the refusal's stable reason codes (empty when it passed)
     */
    public record VerificationOutcome(String sha256, String checker, Optional<String> reference, boolean passed,
                                      List<String> reasons) {
        public VerificationOutcome {
            Objects.requireNonNull(checker, "checker");
            Objects.requireNonNull(reference, "reference");
            reasons = List.copyOf(reasons);
            if (passed != reasons.isEmpty()) {
                throw new IllegalArgumentException("a verification has reasons exactly when it was refused");
            }
        }
    }

    /** The outcome of rebuilding one subject: equal bytes or not, and the differences found. */
    public record RebuildOutcome(String sha256, boolean reproducible, List<String> differences) {
        public RebuildOutcome {
            differences = List.copyOf(differences);
        }
    }
}
