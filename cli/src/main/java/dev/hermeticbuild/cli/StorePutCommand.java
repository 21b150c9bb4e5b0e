package dev.hermeticbuild.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.bundle.StrictJson;
import dev.hermeticbuild.store.ProvenanceRecord;
import dev.hermeticbuild.store.ProvenanceStore;
import dev.hermeticbuild.store.RecordIngest;
import dev.hermeticbuild.store.SbomReader;
import dev.hermeticbuild.store.SbomSummary;
import dev.hermeticbuild.store.StoredRecord;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.RevocationList;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hermetic store put}: verify a provenance bundle and append it to the store. A bundle
 * that does not verify is refused (exit 1) unless {@code --allow-unverified}, and then recorded as such.
 */
@Command(name = "put", mixinStandardHelpOptions = true,
        description = "Verify a provenance bundle and append it (with its SBOM) to the store.")
final class StorePutCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--bundle", required = true, paramLabel = "BUNDLE", description = "Sigstore bundle of the provenance statement.")
    Path bundle;

    @Option(names = "--sbom", paramLabel = "SBOM.cdx.json", description = "The build's CycloneDX SBOM.")
    Path sbom;

    @Option(names = "--build-id", paramLabel = "ID", description = "Your build id (e.g. the CI job URL).")
    String buildId;

    @Option(names = "--pub", paramLabel = "KEY.pub|DIR", description = "Trusted public key, or a directory of *.pub keys.")
    Path pub;

    @Option(names = "--revoked", paramLabel = "FILE", description = "Revoked key ids, one per line.")
    Path revoked;

    @Option(names = "--allow-unverified", description = "Record a bundle that does not verify (or with no --pub), marked as such.")
    boolean allowUnverified;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions store;

    @Mixin
    StoreKeyOptions storeKey;

    @Option(names = "--checkpoint-out", paramLabel = "FILE",
            description = "Write the checkpoint signed with --store-key here too (keep it outside the database).")
    Path checkpointOut;

    @Override
    public Integer call() {
        if (checkpointOut != null && !storeKey.given()) {
            throw new dev.hermeticbuild.InputException("--checkpoint-out needs --store-key (or $HERMETIC_STORE_KEY):"
                    + " there is no checkpoint without the store key");
        }
        Optional<dev.hermeticbuild.sign.Signer> key = storeKey.signer();
        Optional<VerifyPolicy> policy = Optional.ofNullable(pub).map(p -> {
            return VerifyPolicy.builder().keyring(Keyring.load(p)).requireHermetic(false)
                    .revoked(revoked == null ? RevocationList.none() : RevocationList.load(revoked)).build();
        });
        RecordIngest ingest = new RecordIngest(policy, allowUnverified, Clock.systemUTC());
        Optional<SbomSummary> sbomSummary = Optional.ofNullable(sbom)
                .map(s -> SbomReader.read(StrictJson.readCapped(s, "SBOM"), s.toString()));
        ProvenanceRecord record = ingest.fromBundle(StrictJson.readCapped(bundle, "bundle"), bundle.toString(),
                sbomSummary, Optional.ofNullable(buildId));
        StoredRecord stored;
        try (ProvenanceStore s = store.open(key)) {
            stored = s.appendOnce(record);
            if (checkpointOut != null) {
                ownCheckpoint(s, key.get(), stored.seq()).write("--checkpoint-out", checkpointOut);
            }
            report(spec.commandLine().getOut(), json, stored, s.describe(), !stored.record().recordedAt().equals(record.recordedAt()));
        }
        return ExitCodes.OK;
    }

    /** The latest checkpoint if this key signed it and it covers {@code seq} (the one this append signed); else a new one. */
    static dev.hermeticbuild.store.SignedCheckpoint ownCheckpoint(ProvenanceStore s, dev.hermeticbuild.sign.Signer key, long seq) {
        Keyring own = Keyring.of(key.publicKey());
        return s.latestCheckpoint().filter(cp -> cp.checkpoint().size() >= seq && cp.signedBy(own).isPresent()
                        && cp.checkpoint().store().equals(s.id()))
                .orElseGet(() -> s.checkpoint(key));
    }

    static void report(PrintWriter out, JsonOption json, StoredRecord stored, String store, boolean already) {
        if (json.enabled) {
            ObjectNode n = RecordJson.of(stored);
            n.put("store", store);
            n.put("alreadyRecorded", already);
            json.result(n);
        } else {
            ProvenanceRecord r = stored.record();
            out.println((already ? "already recorded as #" : "recorded #") + stored.seq() + " in " + store + " (" + r.signature().status().label()
                    + r.signature().keyId().map(k -> ", key " + k).orElse("") + "), hash " + stored.hash());
            r.signature().reasons().forEach(reason -> out.println("  unverified: " + reason));
            out.flush();
        }
    }
}
