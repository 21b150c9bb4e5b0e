package dev.hermeticbuild.store;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.bundle.DsseEnvelope;
import dev.hermeticbuild.bundle.MalformedBundleException;
import dev.hermeticbuild.bundle.SigstoreBundle;
import dev.hermeticbuild.provenance.InTotoStatement;
import dev.hermeticbuild.provenance.Parameters;
import dev.hermeticbuild.provenance.ResourceDescriptor;
import dev.hermeticbuild.provenance.SlsaProvenance;
import dev.hermeticbuild.provenance.StatementTypes;
import dev.hermeticbuild.store.ProvenanceRecord.BuildFacts;
import dev.hermeticbuild.store.ProvenanceRecord.Signature;
import dev.hermeticbuild.store.ProvenanceRecord.Subject;
import dev.hermeticbuild.verify.BundleVerifier;
import dev.hermeticbuild.verify.ProvenanceFacts;
import dev.hermeticbuild.verify.VerificationException;
import dev.hermeticbuild.verify.VerificationResult;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what a build produced (a signed provenance bundle, or an unsigned statement, with an
 * optional SBOM) into a {@link ProvenanceRecord}. A bundle is verified first with
 * {@link BundleVerifier}; one that fails, or that no key was given for, is refused unless the
 * caller allows unverified records, and is then recorded with that status and the reasons.
 */
public final class RecordIngest {

    private final Optional<VerifyPolicy> policy;
    private final boolean allowUnverified;
    private final Clock clock;

    /**
     * @param policy          the keys (and revocations) a bundle must verify against; empty: none given
     * @param allowUnverified loosening: record a bundle that did not verify, marked as such
     * @param clock           the store's clock for {@code recordedAt}
     */
    public RecordIngest(Optional<VerifyPolicy> policy, boolean allowUnverified, Clock clock) {
        this.policy = policy.map(p -> p.toBuilder().artifactRequired(false).build());
        this.allowUnverified = allowUnverified;
        this.clock = clock;
    }

    /** A build record from a provenance bundle; {@code source} names the bundle in errors. */
    public ProvenanceRecord fromBundle(byte[] bundleJson, String source, Optional<SbomSummary> sbom,
                                       Optional<String> buildId) {
        SigstoreBundle bundle;
        try {
            bundle = SigstoreBundle.parse(bundleJson);
        } catch (MalformedBundleException e) {
            throw new InputException("bundle " + source + ": " + e.getMessage(), e);
        }
        if (!(bundle.content() instanceof DsseEnvelope envelope)) {
            throw new InputException("bundle " + source + " is a message signature: the store records provenance"
                    + " attestations (DSSE bundles from hermetic attest or build --sign-key)");
        }
        InTotoStatement statement = statement(envelope.payload(), source);
        Signature signature = check(bundleJson, source, bundle);
        return record(statement, signature, sbom, buildId, Optional.of(new String(bundleJson, StandardCharsets.UTF_8)));
    }

    /** A build record from an unsigned statement (e.g. {@code build --store} without a signing key). */
    public ProvenanceRecord fromStatement(byte[] statementJson, String source, Optional<SbomSummary> sbom,
                                          Optional<String> buildId) {
        return record(statement(statementJson, source), Signature.unsigned(), sbom, buildId, Optional.empty());
    }

    /** A rebuild record: the outcome of rebuilding {@code sha256} from its recorded inputs. */
    public ProvenanceRecord rebuild(String name, String sha256, boolean reproducible, List<String> differences,
                                    Optional<String> buildId) {
        return new ProvenanceRecord(RecordKind.REBUILD, clock.instant(), buildId, List.of(new Subject(name, sha256)),
                BuildFacts.none(), Signature.unsigned(), Optional.empty(),
                Optional.of(new ProvenanceRecord.RebuildOutcome(sha256, reproducible, differences)), Optional.empty(),
                Optional.empty());
    }

    /** A verification record: {@code outcome} of checking one subject where it was to run. */
    public ProvenanceRecord verification(String name, ProvenanceRecord.VerificationOutcome outcome, Optional<String> buildId) {
        return new ProvenanceRecord(RecordKind.VERIFICATION, clock.instant(), buildId, List.of(new Subject(name, outcome.sha256())),
                BuildFacts.none(), Signature.unsigned(), Optional.empty(), Optional.empty(), Optional.of(outcome), Optional.empty());
    }

    private Signature check(byte[] bundleJson, String source, SigstoreBundle bundle) {
        Optional<String> keyId = bundle.keyless() ? Optional.of("keyless") : bundle.publicKeyHint();
        if (policy.isEmpty()) {
            if (!allowUnverified) {
                throw new InputException("bundle " + source + ": no trusted key to verify it against:"
                        + " give --pub KEY.pub (or a directory of keys), or --allow-unverified to record it unverified");
            }
            return new Signature(SignatureStatus.UNVERIFIED, keyId, List.of("no trusted key given"), Optional.empty());
        }
        long start = System.nanoTime();
        try {
            VerificationResult r = new BundleVerifier(policy.get()).verify(bundleJson, Optional.empty());
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Signature(SignatureStatus.VERIFIED, Optional.of(r.keyId()), List.of(), Optional.of(millis));
        } catch (VerificationException e) {
            if (!allowUnverified) {
                throw e;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Signature(SignatureStatus.FAILED, keyId, e.reasons(), Optional.of(millis));
        }
    }

    private static InTotoStatement statement(byte[] json, String source) {
        InTotoStatement statement;
        try {
            statement = InTotoStatement.parse(json, "$");
        } catch (MalformedBundleException e) {
            throw new InputException("statement in " + source + ": " + e.getMessage(), e);
        }
        if (!statement.predicateType().equals(StatementTypes.SLSA_PROVENANCE_V1)) {
            throw new InputException(source + ": predicateType " + statement.predicateType() + " is not "
                    + StatementTypes.SLSA_PROVENANCE_V1 + "; put the provenance bundle, and the SBOM itself with --sbom");
        }
        try {
            statement.slsaProvenance();
        } catch (MalformedBundleException e) {
            throw new InputException("statement in " + source + ": " + e.getMessage(), e);
        }
        return statement;
    }

    private ProvenanceRecord record(InTotoStatement statement, Signature signature, Optional<SbomSummary> sbom,
                                    Optional<String> buildId, Optional<String> bundle) {
        List<Subject> subjects = new ArrayList<>();
        statement.subjects().forEach(s -> subjects.add(new Subject(s.name(), s.sha256())));
        return new ProvenanceRecord(RecordKind.BUILD, clock.instant(), buildId, subjects,
                facts(statement.slsaProvenance()), signature, sbom, Optional.empty(), Optional.empty(), bundle);
    }

    /** Reads the build facts from a SLSA v1 predicate (as the runner wrote them, see docs/reference/build-type-v1.md). */
    static BuildFacts facts(SlsaProvenance predicate) {
        ProvenanceFacts f = ProvenanceFacts.of(predicate);
        Optional<String> image = predicate.buildDefinition().resolvedDependencies().stream()
                .filter(d -> "builder-image".equals(d.name())).reduce((first, last) -> last).map(RecordIngest::image);
        Map<String, Object> internal = predicate.buildDefinition().internalParameters();
        return new BuildFacts(f.builderId(), image, f.sourceUri(), f.sourceCommit(), f.tier(), f.hermetic(),
                f.startedOn().flatMap(RecordIngest::instant), f.finishedOn().flatMap(RecordIngest::instant),
                Parameters.integer(internal, "dependencyCache", "hits"),
                Parameters.integer(internal, "dependencyCache", "misses"));
    }

    /** {@code REPO@sha256:HEX} as recorded, or {@code sha256:HEX} when the image has no uri. */
    private static String image(ResourceDescriptor dep) {
        String uri = dep.uri() == null ? "" : dep.uri();
        String digest = dep.digest().getOrDefault("sha256", "");
        return uri.isEmpty() ? "sha256:" + digest
                : uri.contains("@sha256:") || digest.isEmpty() ? uri : uri + "@sha256:" + digest;
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
