package dev.hermeticbuild.store;

import dev.hermeticbuild.sign.Attestor;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** Records for store tests, made the way {@code store put} makes them. */
final class TestRecords {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    private TestRecords() {
    }

    /** A digest that differs for every {@code i}. */
    static String digest(String label) {
        return Digests.sha256(label);
    }

    /** An unsigned build record for artifact {@code label}, with {@code buildId}. */
    static ProvenanceRecord unsigned(String label, String buildId) {
        byte[] statement = Fixtures.provenance("build/" + label + ".jar", digest(label)).getBytes(StandardCharsets.UTF_8);
        return new RecordIngest(Optional.empty(), true, Clock.systemUTC())
                .fromStatement(statement, label, Optional.empty(), Optional.of(buildId));
    }

    /** A build record for artifact {@code label}, its bundle signed by {@code signer} and verified at put. */
    static ProvenanceRecord signed(String label, String buildId, Signer signer) {
        var policy = dev.hermeticbuild.verify.VerifyPolicy.builder().keyring(dev.hermeticbuild.verify.Keyring.of(signer.publicKey()))
                .requireHermetic(false).build();
        return new RecordIngest(Optional.of(policy), false, Clock.systemUTC())
                .fromBundle(bundle(label, signer), label, Optional.empty(), Optional.of(buildId));
    }

    /** The bundle bytes of a provenance statement for {@code label}, signed by {@code signer}. */
    static byte[] bundle(String label, Signer signer) {
        return Attestor.attest(Fixtures.provenance("build/" + label + ".jar", digest(label))
                .getBytes(StandardCharsets.UTF_8), label, signer);
    }
}
