package dev.hermeticbuild.sign;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.bundle.DsseEnvelope;
import dev.hermeticbuild.bundle.DsseSignature;
import dev.hermeticbuild.bundle.MalformedBundleException;
import dev.hermeticbuild.bundle.SigstoreBundle;
import dev.hermeticbuild.bundle.StrictJson;
import dev.hermeticbuild.provenance.InTotoStatement;
import java.nio.file.Path;
import java.util.List;

/**
 * Signs an in-toto statement into a Sigstore bundle holding a DSSE envelope (payloadType
 * {@value DsseEnvelope#IN_TOTO_PAYLOAD_TYPE}). The statement's bytes are signed exactly as
 * given, after a strict check that they are an in-toto Statement v1.
 */
public final class Attestor {

    private Attestor() {
    }

    /**
     * Reads {@code statementJson} and returns the bundle bytes (Sigstore bundle v0.3 JSON). This
     * is the entry point for {@code hermetic build --sign-key}.
     *
     * @throws InputException when the statement file is missing, too large or not a valid statement
     */
    public static byte[] attest(Path statementJson, Signer signer) {
        byte[] statement = StrictJson.readCapped(statementJson, "statement");
        return attest(statement, statementJson.toString(), signer);
    }

    /** Signs statement bytes; {@code source} names them in errors. */
    public static byte[] attest(byte[] statement, String source, Signer signer) {
        requireStatement(statement, source);
        return envelopeBundle(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, statement, signer).toJsonBytes();
    }

    /**
     * Refuses bytes that are not a strict in-toto Statement v1, naming {@code source}: nothing
     * else is ever signed as an attestation, whichever signer signs.
     */
    public static void requireStatement(byte[] statement, String source) {
        try {
            InTotoStatement.parse(statement, "$");
        } catch (MalformedBundleException e) {
            throw new InputException("statement " + source + " is not a valid in-toto statement: "
                    + e.getMessage().substring("malformed bundle: ".length()), e);
        }
    }

    /** A bundle with a DSSE envelope over any payload (no statement check). */
    public static SigstoreBundle envelopeBundle(String payloadType, byte[] payload, Signer signer) {
        byte[] sig = signer.sign(DsseEnvelope.pae(payloadType, payload));
        String keyId = signer.keyId();
        DsseEnvelope envelope = new DsseEnvelope(payloadType, payload, List.of(new DsseSignature(keyId, sig)));
        return SigstoreBundle.keyBased(keyId, envelope);
    }
}
