package dev.hermeticbuild.admission;

import dev.hermeticbuild.sign.PemKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** The AdmissionReviews in src/test/resources/admission and a policy file with a real key directory. */
final class AdmissionFixtures {

    /** The digests the reviews use: one that verifies, one that does not, one for init containers. */
    static final String GOOD = "sha256:770e607624d689265ca6c44884d0807d9b054d23c473c106c72be9de08b7376c";
    static final String BAD = "sha256:2f05d4b689d270cafb02285f35f44866f7dc8a2d368a3f9d1124373eeab31fb1";
    static final String SIDE = "sha256:6c8b4535ccc87f19061c4646189e33d78f01c8b63dc4e3cb2f630b1796ee93b6";

    static final String RULES = """
            rules:
              - name: team-a
                namespaces: ["team-*"]
                images: ["registry.example.com/team-a/**"]
                keys: keys
                builderIds: ["https://ci.example.com/hermetic"]
                maxAge: 30d
            """;

    private AdmissionFixtures() {
    }

    static byte[] review(String name) {
        try (InputStream in = AdmissionFixtures.class.getResourceAsStream("/admission/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource admission/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String reviewText(String name) {
        return new String(review(name), StandardCharsets.UTF_8);
    }

    /** Writes {@code yaml} as policy.yaml into {@code dir}, next to a keys/ directory holding a fresh P-256 public key. */
    static Path policyFile(Path dir, String yaml) {
        try {
            Path keys = Files.createDirectories(dir.resolve("keys"));
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            Files.writeString(keys.resolve("release.pub"), PemKeys.publicPem(g.generateKeyPair().getPublic()));
            Path file = dir.resolve("policy.yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
