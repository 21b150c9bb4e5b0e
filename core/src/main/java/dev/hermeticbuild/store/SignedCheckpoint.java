package dev.hermeticbuild.store;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.bundle.DsseEnvelope;
import dev.hermeticbuild.bundle.DsseSignature;
import dev.hermeticbuild.bundle.MalformedBundleException;
import dev.hermeticbuild.bundle.StrictJson;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.verify.DsseVerifier;
import dev.hermeticbuild.verify.Keyring;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Checkpoint} in a DSSE envelope (payloadType {@value #PAYLOAD_TYPE}) signed by the
 * store key. Kept in the store's {@code checkpoints} table and, if the operator wants to detect
 * a rolled-back table, in a file outside the database.
 */
public record SignedCheckpoint(Checkpoint checkpoint, DsseEnvelope envelope) {

    /** The DSSE payloadType of checkpoints: never an in-toto statement, so never mistaken for provenance. */
    public static final String PAYLOAD_TYPE = "application/vnd.hermetic-build.store-checkpoint+json";

    /** Signs {@code checkpoint} with the store key. */
    public static SignedCheckpoint sign(Checkpoint checkpoint, Signer key) {
        byte[] payload = checkpoint.encode();
        byte[] sig = key.sign(DsseEnvelope.pae(PAYLOAD_TYPE, payload));
        return new SignedCheckpoint(checkpoint, new DsseEnvelope(PAYLOAD_TYPE, payload,
                List.of(new DsseSignature(key.keyId(), sig))));
    }

    /** Reads an envelope as stored or kept; {@code source} names it in errors. Not yet verified. */
    public static SignedCheckpoint parse(byte[] json, String source) {
        DsseEnvelope envelope;
        try {
            envelope = DsseEnvelope.parse(json);
        } catch (MalformedBundleException e) {
            throw new StoreException(source + " is not a signed store checkpoint: " + e.getMessage(), e);
        }
        if (!PAYLOAD_TYPE.equals(envelope.payloadType())) {
            throw new StoreException(source + " is not a signed store checkpoint: payloadType "
                    + envelope.payloadType() + " is not " + PAYLOAD_TYPE);
        }
        return new SignedCheckpoint(Checkpoint.decode(envelope.payload(), source), envelope);
    }

    /** Reads a checkpoint file kept by the operator; {@code option} names it in errors. */
    public static SignedCheckpoint read(String option, Path file) {
        byte[] bytes;
        try {
            bytes = StrictJson.readCapped(file, "checkpoint");
        } catch (RuntimeException e) {
            throw new InputException(option + " " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(bytes, option + " " + file);
        } catch (StoreException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    /** Writes the envelope to {@code file} (replacing it atomically); {@code option} names it in errors. */
    public void write(String option, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(parent, ".checkpoint", ".tmp");
            Files.writeString(tmp, json() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InputException(option + " " + file + ": cannot write the checkpoint (" + e.getMessage() + ")", e);
        }
    }

    /** The envelope's JSON text, as stored. */
    public String json() {
        return new String(envelope.toJsonBytes(), StandardCharsets.UTF_8);
    }

    /** The id of the trusted store key whose signature verifies, if any. */
    public Optional<String> signedBy(Keyring storeKeys) {
        Set<String> accepted = DsseVerifier.acceptedKeys(envelope, storeKeys.keys());
        return accepted.stream().findFirst();
    }
}
