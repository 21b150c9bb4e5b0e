package dev.hermeticbuild.store;

import dev.hermeticbuild.CountText;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.bundle.DsseEnvelope;
import dev.hermeticbuild.bundle.MalformedBundleException;
import dev.hermeticbuild.bundle.SigstoreBundle;
import dev.hermeticbuild.provenance.InTotoStatement;
import dev.hermeticbuild.provenance.StatementTypes;
import dev.hermeticbuild.store.ProvenanceRecord.Subject;
import dev.hermeticbuild.verify.BundleVerifier;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.VerificationException;
import dev.hermeticbuild.verify.VerificationResult;
import dev.hermeticbuild.verify.VerifiedSignatureCache;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks records at read time, trusting nothing a record says about itself: its bundle's
 * signature against the reader's keys ({@code --pub}, with revocations), that the record says
 * what its signed statement says (subjects, builder, source, commit, tier...), its hash against
 * its content, and, with the store's public keys ({@code --store-pub}), that a checkpoint signed
 * by the store key covers it (its hash linked to the checkpoint's head). Verified signatures are
 * remembered in memory only, keyed by the bytes verified, so nothing in the database can make
 * a later check pass.
 */
public final class RecordCheck {

    /** Process-wide: the dashboard and CLI commands re-check the same bundles. */
    private static final VerifiedSignatureCache CACHE = new VerifiedSignatureCache(100_000);

    /** Checkpoints tried per record before giving up (rows an attacker added cannot crowd out a good one for long). */
    private static final int CHECKPOINTS_TRIED = 8;

    private final Optional<VerifyPolicy> signatures;
    private final Optional<Keyring> storeKeys;

    /**
     * @param signatures the keys (and revocations) bundles must verify against; empty: signatures not checked
     * @param storeKeys  the store's public keys checkpoints must verify against; empty: positions not checked
     */
    public RecordCheck(Optional<VerifyPolicy> signatures, Optional<Keyring> storeKeys) {
        this.signatures = Objects.requireNonNull(signatures, "signatures").map(p -> p.toBuilder().artifactRequired(false).build());
        this.storeKeys = Objects.requireNonNull(storeKeys, "storeKeys");
    }

    /**
     * Signatures checked against {@code trusted} (a CI's configured trusted keys), positions not;
     * no keys at all means signatures not checked (shown so), never all failed or all verified.
     */
    public static RecordCheck trusting(Keyring trusted) {
        return trusted.keys().isEmpty() ? none()
                : new RecordCheck(Optional.of(VerifyPolicy.builder().keyring(trusted).requireHermetic(false).build()), Optional.empty());
    }

    /** Checks nothing but hashes: every signature and position is shown as not checked. */
    public static RecordCheck none() {
        return new RecordCheck(Optional.empty(), Optional.empty());
    }

    /** Whether signatures are checked (a keyring was given). */
    public boolean checksSignatures() {
        return signatures.isPresent();
    }

    /** Whether positions are checked (store keys were given). */
    public boolean checksPositions() {
        return storeKeys.isPresent();
    }

    /** The store keys, if given (for {@link ChainCheck}). */
    public Optional<Keyring> storeKeys() {
        return storeKeys;
    }

    /** Checks each of {@code records}, read from {@code store}, on its own. */
    public List<CheckedRecord> check(ProvenanceStore store, List<StoredRecord> records) {
        List<CheckedRecord> out = new ArrayList<>(records.size());
        for (StoredRecord r : records) {
            out.add(check(store, r));
        }
        return out;
    }

    /** Checks {@code sr}, read from {@code store}: its position by linking it to a signed checkpoint. */
    public CheckedRecord check(ProvenanceStore store, StoredRecord sr) {
        return new CheckedRecord(sr, hashIntact(sr), signature(sr.record()), position(store, sr));
    }

    /**
     * Checks {@code records} against a walk of the whole log already made ({@code chain}, which
     * checked the latest checkpoint against the same store keys): a record is vouched for when
     * the log is intact and the checkpoint covers it. For views of many records (the dashboard).
     */
    public List<CheckedRecord> check(List<StoredRecord> records, ChainReport chain) {
        List<CheckedRecord> out = new ArrayList<>(records.size());
        for (StoredRecord sr : records) {
            ReadCheck position;
            if (storeKeys.isEmpty()) {
                position = ReadCheck.of(ReadCheck.Outcome.NOT_CHECKED, "no store key given (--store-pub)");
            } else if (!chain.intact()) {
                position = ReadCheck.of(ReadCheck.Outcome.FAILED, "the log fails verification: " + chain.problems().get(0));
            } else if (chain.checkpoint().isEmpty() || chain.checkpoint().get().checkpoint().size() < sr.seq()) {
                position = ReadCheck.of(ReadCheck.Outcome.FAILED, "not covered by a checkpoint signed by the store key");
            } else {
                position = ReadCheck.of(ReadCheck.Outcome.VERIFIED, "covered by the latest signed checkpoint ("
                        + CountText.of(chain.checkpoint().get().checkpoint().size(), "record") + ")");
            }
            out.add(new CheckedRecord(sr, hashIntact(sr), signature(sr.record()), position));
        }
        return out;
    }

    private static boolean hashIntact(StoredRecord sr) {
        return RecordHash.of(sr.seq(), sr.prevHash(), RecordCodec.encode(sr.record())).equals(sr.hash());
    }

    /** The bundle's signature now, and whether the record says what the signed statement says. */
    private ReadCheck signature(ProvenanceRecord r) {
        if (r.bundle().isEmpty()) {
            return ReadCheck.of(ReadCheck.Outcome.UNSIGNED, r.kind() == RecordKind.BUILD
                    ? "recorded without a bundle" : r.kind().label() + " records carry no signature");
        }
        if (signatures.isEmpty()) {
            return ReadCheck.of(ReadCheck.Outcome.NOT_CHECKED, "no trusted key given (--pub)");
        }
        byte[] json = r.bundle().get().getBytes(StandardCharsets.UTF_8);
        SigstoreBundle bundle;
        try {
            bundle = SigstoreBundle.parse(json);
        } catch (MalformedBundleException e) {
            return ReadCheck.of(ReadCheck.Outcome.FAILED, "its bundle does not parse: " + e.getMessage());
        }
        if (bundle.keyless()) {
            return ReadCheck.of(ReadCheck.Outcome.NOT_CHECKED, "keyless bundle: it can only be verified with its"
                    + " artifact (store get --bundle-out, then hermetic verify --artifact)");
        }
        VerificationResult result;
        try {
            result = new BundleVerifier(signatures.get(), CACHE).verify(json, Optional.empty());
        } catch (VerificationException e) {
            return new ReadCheck(ReadCheck.Outcome.FAILED, e.reasons());
        } catch (InputException e) {
            return ReadCheck.of(ReadCheck.Outcome.FAILED, e.getMessage());
        }
        List<String> differs = differences(r, (DsseEnvelope) bundle.content(), result.keyId());
        if (!differs.isEmpty()) {
            return new ReadCheck(ReadCheck.Outcome.FAILED, differs);
        }
        return ReadCheck.of(ReadCheck.Outcome.VERIFIED, "signed by key " + result.keyId());
    }

    /** Where the record says something its signed statement does not. */
    private static List<String> differences(ProvenanceRecord r, DsseEnvelope envelope, String signer) {
        List<String> out = new ArrayList<>();
        InTotoStatement statement;
        try {
            statement = InTotoStatement.parse(envelope.payload(), "$");
        } catch (MalformedBundleException e) {
            return List.of("its signed statement does not parse: " + e.getMessage());
        }
        if (r.kind() != RecordKind.BUILD) {
            out.add("a " + r.kind().label() + " record carrying a provenance bundle");
        }
        if (!StatementTypes.SLSA_PROVENANCE_V1.equals(statement.predicateType())) {
            out.add("its signed statement is a " + statement.predicateType() + ", not provenance");
            return out;
        }
        List<Subject> signed = statement.subjects().stream().map(s -> new Subject(s.name(), s.sha256())).toList();
        if (!signed.equals(r.subjects())) {
            out.add("the record's subjects " + r.subjects() + " are not its signed statement's " + signed);
        }
        ProvenanceRecord.BuildFacts facts;
        try {
            facts = RecordIngest.facts(statement.slsaProvenance());
        } catch (MalformedBundleException e) {
            out.add("its signed provenance does not parse: " + e.getMessage());
            return out;
        }
        if (!facts.equals(r.build())) {
            out.add("the record's build facts " + r.build() + " are not its signed statement's " + facts);
        }
        if (!r.signature().keyId().equals(Optional.of(signer))) {
            out.add("the record names key " + r.signature().keyId().orElse("none") + ", the bundle is signed by " + signer);
        }
        return out;
    }

    /** Whether a checkpoint signed by the store key covers {@code sr}: the chain from it to the checkpoint's head. */
    private ReadCheck position(ProvenanceStore store, StoredRecord sr) {
        if (storeKeys.isEmpty()) {
            return ReadCheck.of(ReadCheck.Outcome.NOT_CHECKED, "no store key given (--store-pub)");
        }
        String storeId;
        try {
            storeId = store.id();
        } catch (StoreException e) {
            return ReadCheck.of(ReadCheck.Outcome.FAILED, e.getMessage());
        }
        List<String> tried = new ArrayList<>();
        for (SignedCheckpoint cp : store.checkpointsCovering(sr.seq(), CHECKPOINTS_TRIED)) {
            Checkpoint c = cp.checkpoint();
            Optional<String> key = cp.signedBy(storeKeys.get());
            if (key.isEmpty() || !c.store().equals(storeId)) {
                tried.add("checkpoint at " + c.size() + (key.isEmpty() ? " not signed by the store key" : " is for another store"));
                continue;
            }
            Optional<String> broken = linkBroken(store, sr, c);
            if (broken.isPresent()) {
                return ReadCheck.of(ReadCheck.Outcome.FAILED, broken.get());
            }
            return ReadCheck.of(ReadCheck.Outcome.VERIFIED, "covered by the checkpoint of " + CountText.of(c.size(), "record")
                    + " signed by store key " + key.get() + " at " + c.time());
        }
        return ReadCheck.of(ReadCheck.Outcome.FAILED, "no checkpoint signed by the store key covers it"
                + " (written without the store key, or forged)" + (tried.isEmpty() ? "" : "; " + String.join("; ", tried)));
    }

    /** Rows read at a time while linking a record to a checkpoint (memory stays bounded whatever the gap). */
    private static final int CHUNK = 1_000;

    /** Why the rows from {@code sr} to the checkpoint do not link {@code sr} to {@code c}'s head, if they do not. */
    private static Optional<String> linkBroken(ProvenanceStore store, StoredRecord sr, Checkpoint c) {
        ChainRow before = null;
        for (long from = sr.seq(); from <= c.size(); from += CHUNK) {
            List<ChainRow> rows = store.rows(from, Math.min(c.size(), from + CHUNK - 1));
            for (ChainRow row : rows) {
                if (before == null) {
                    if (row.seq() != sr.seq() || !row.hash().equals(sr.hash()) || !row.prevHash().equals(sr.prevHash())
                            || !row.hashIntact()) {
                        return Optional.of("its row changed while it was read, or its hash does not match its content");
                    }
                } else if (row.seq() != before.seq() + 1 || !row.prevHash().equals(before.hash()) || !row.hashIntact()) {
                    return Optional.of("the chain from it to the checkpoint of " + CountText.of(c.size(), "record") + " is broken at record "
                            + row.seq() + " (run hermetic store verify)");
                }
                before = row;
            }
            if (before == null || before.seq() != Math.min(c.size(), from + CHUNK - 1)) {
                break;
            }
        }
        if (before == null || before.seq() != c.size() || !before.hash().equals(c.headHash())) {
            return Optional.of("the chain from it does not reach the head of the checkpoint of "
                    + CountText.of(c.size(), "record") + " (the log was rewritten after it was signed)");
        }
        return Optional.empty();
    }
}
