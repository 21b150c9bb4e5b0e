package dev.hermeticbuild.cli;

import dev.hermeticbuild.sign.Attestor;
import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.sign.Signers;
import dev.hermeticbuild.store.Digests;
import dev.hermeticbuild.store.ProvenanceStore;
import dev.hermeticbuild.store.ProvenanceStores;
import dev.hermeticbuild.store.RecordIngest;
import dev.hermeticbuild.store.SbomSummary;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Statements, SBOMs and a populated store for CLI tests, made with the engine's own signer. */
final class StoreData {

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private StoreData() {
    }

    static String statement(String name, String sha256, Instant started, Instant finished) {
        return "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"" + name
                + "\",\"digest\":{\"sha256\":\"" + sha256 + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\","
                + "\"predicate\":{\"buildDefinition\":{\"buildType\":\"https://hermetic-build.dev/build/v1\","
                + "\"externalParameters\":{\"tier\":\"release\"},\"internalParameters\":{\"isolation\":{\"hermetic\":true,"
                + "\"egressBlocked\":true},\"dependencyCache\":{\"hits\":9,\"misses\":1}},\"resolvedDependencies\":["
                + "{\"name\":\"source\",\"uri\":\"git+https://git.example.com/app.git\",\"digest\":{\"gitCommit\":\"" + COMMIT
                + "\"}},{\"name\":\"builder-image\",\"uri\":\"oci://registry.example.com/agent@sha256:" + "ab".repeat(32)
                + "\",\"digest\":{\"sha256\":\"" + "ab".repeat(32) + "\"}}]},"
                + "\"runDetails\":{\"builder\":{\"id\":\"https://ci.example.com/hermetic\"},\"metadata\":{\"invocationId\":"
                + "\"urn:uuid:1\",\"startedOn\":\"" + started + "\",\"finishedOn\":\"" + finished + "\"}}}}";
    }

    static String sbom() {
        return "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"components\":["
                + "{\"type\":\"library\",\"name\":\"picocli\",\"version\":\"4.7.7\",\"purl\":\"pkg:maven/info.picocli/picocli@4.7.7\","
                + "\"hashes\":[{\"alg\":\"SHA-256\",\"content\":\"" + "cd".repeat(32) + "\"}]},"
                + "{\"type\":\"library\",\"name\":\"jackson-core\",\"version\":\"2.23.0\","
                + "\"purl\":\"pkg:maven/com.fasterxml.jackson.core/jackson-core@2.23.0\"}]}";
    }

    /**
     * Fourteen days of builds ending at {@code end}: mostly verified, one failed verification a
     * day on even days, an unsigned build every third day, lead times growing with the day, and
     * rebuilds of two artifacts (one not reproducible). The signer's public key is written to {@code pubFile}.
     */
    /** How long before {@code end} (less whole days) each day's first build of {@link #populate} finishes. */
    static final Duration DAY_FIRST_BUILD_BEFORE_END = Duration.ofHours(2);
    /** How far apart a day's builds of {@link #populate} finish. */
    static final Duration BUILD_SPACING = Duration.ofMinutes(10);
    /** Builds per day in {@link #populate}. */
    static final int BUILDS_PER_DAY = 3;

    static String populate(String url, Instant end, java.nio.file.Path pubFile) {
        Signer signer = Signers.of(KeyGen.generate(KeyAlgorithm.ECDSA_P256));
        try {
            java.nio.file.Files.writeString(pubFile, dev.hermeticbuild.sign.PemKeys.publicPem(signer.publicKey()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Signer stranger = Signers.of(KeyGen.generate(KeyAlgorithm.ECDSA_P256));
        VerifyPolicy trusted = VerifyPolicy.builder().keyring(Keyring.of(signer.publicKey())).requireHermetic(false).build();
        SbomSummary sbom = dev.hermeticbuild.store.SbomReader.read(sbom().getBytes(StandardCharsets.UTF_8), "sbom");
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            for (int day = 13; day >= 0; day--) {
                Instant base = end.minus(Duration.ofDays(day)).minus(DAY_FIRST_BUILD_BEFORE_END);
                for (int i = 0; i < BUILDS_PER_DAY; i++) {
                    Instant at = base.plus(BUILD_SPACING.multipliedBy(i));
                    Clock clock = Clock.fixed(at, ZoneOffset.UTC);
                    String name = "app-" + day + "-" + i + ".jar";
                    Instant started = at.minus(Duration.ofSeconds(60L + 20L * (13 - day) + 30L * i));
                    byte[] stmt = statement("build/" + name, Digests.sha256(name), started, at).getBytes(StandardCharsets.UTF_8);
                    boolean fail = i == 2 && day % 2 == 0;
                    boolean unsigned = i == 1 && day % 3 == 0;
                    RecordIngest ingest = new RecordIngest(Optional.of(trusted), true, clock);
                    if (unsigned) {
                        store.append(ingest.fromStatement(stmt, name, Optional.of(sbom), Optional.of("ci-" + day + "-" + i)));
                    } else {
                        byte[] bundle = Attestor.attest(stmt, name, fail ? stranger : signer).clone();
                        store.append(ingest.fromBundle(bundle, name, Optional.of(sbom), Optional.of("ci-" + day + "-" + i)));
                    }
                }
            }
            RecordIngest rebuilds = new RecordIngest(Optional.empty(), true, Clock.fixed(end.minusSeconds(600), ZoneOffset.UTC));
            store.append(rebuilds.rebuild("build/app-1-0.jar", Digests.sha256("app-1-0.jar"), true, List.of(), Optional.empty()));
            store.append(rebuilds.rebuild("build/app-2-0.jar", Digests.sha256("app-2-0.jar"), false,
                    List.of("build/app-2-0.jar: META-INF/MANIFEST.MF differs (Build-Time: 10:02 vs 10:07)"), Optional.empty()));
        }
        return signer.keyId();
    }
}
