package dev.hermeticbuild.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.image.LayoutFixture;
import dev.hermeticbuild.image.OciLayout;
import dev.hermeticbuild.sign.Attestor;
import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.sign.Signers;
import dev.hermeticbuild.testing.Fixtures;
import dev.hermeticbuild.testing.OciRegistry;
import dev.hermeticbuild.testing.RegistryTokenService;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push, attach and verify against real registries that ask for a login: Distribution 2.8 with
 * htpasswd (HTTP Basic) and with token authentication behind a token service (the Bearer flow
 * most hosted registries use). Without the login, or with a wrong one, each refuses with a message
 * that says what to give, and the password appears in none.
 */
class RegistryLoginTest {

    private static final String USER = "ci-bot";
    private static final String PASSWORD = "s3cr3t-pa55-word";

    @TempDir
    static Path basicDir;

    @TempDir
    static Path tokenDir;

    private static OciRegistry basic;
    private static OciRegistry token;
    private static final RegistryTokenService[] TOKENS = new RegistryTokenService[1];

    @TempDir
    Path dir;

    @BeforeAll
    static void startRegistries() {
        basic = OciRegistry.startWithBasicAuth(basicDir, USER, PASSWORD);
        token = RegistryTokenService.startRegistry(tokenDir, USER, PASSWORD, TOKENS);
    }

    @AfterAll
    static void stop() {
        if (basic != null) {
            basic.close();
        }
        if (token != null) {
            token.close();
        }
        if (TOKENS[0] != null) {
            TOKENS[0].close();
        }
    }

    private static RegistryOptions options(OciRegistry registry, String password) {
        RegistryOptions o = RegistryOptions.defaults().withCaCertificates(registry.caPem()).withTimeout(Duration.ofSeconds(20));
        return password == null ? o : o.withCredentials(Map.of(registry.host(), new RegistryCredentials(USER, password)));
    }

    private OciLayout layout(String content) throws Exception {
        Path layout = dir.resolve("layout");
        LayoutFixture.single(layout, content);
        return OciLayout.read(layout);
    }

    private void pushAttachAndVerify(OciRegistry registry, String repo) throws Exception {
        RegistryOptions options = options(registry, PASSWORD);
        PushedImage image = new RegistryPush(options).push(layout("hello " + repo), ImageRef.parse(registry.host() + "/" + repo, "--to"));
        Signer signer = Signers.of(KeyGen.generate(KeyAlgorithm.ECDSA_P256));
        byte[] bundle = Attestor.attest(Fixtures.provenance("target/image", image.ref().sha256().orElseThrow())
                .getBytes(StandardCharsets.UTF_8), "test", signer);
        new Referrers(options).attach(image.ref(), image.mediaType(), image.size(),
                Fixtures.write(dir.resolve("provenance.sigstore.json"), new String(bundle, StandardCharsets.UTF_8)));
        VerifyPolicy policy = VerifyPolicy.builder().keyring(Keyring.of(signer.publicKey())).requireHermetic(false).build();
        assertTrue(new RegistryImageVerifier(options).verify(image.ref(), policy).ok());
        RegistryException anonymous = assertThrows(RegistryException.class,
                () -> new RegistryImageVerifier(options(registry, null)).verify(image.ref(), policy));
        assertTrue(anonymous.getMessage().contains("asks for a login (401)") && anonymous.getMessage().contains("--registry-auth FILE"),
                anonymous.getMessage());
    }

    @Test
    void aBasicAuthRegistryTakesTheLoginAndRefusesAWrongOneNamingTheUserOnly() throws Exception {
        pushAttachAndVerify(basic, "team/basic");
        RegistryException wrong = assertThrows(RegistryException.class, () -> new RegistryPush(options(basic, "not-the-password"))
                .push(layout("wrong"), ImageRef.parse(basic.host() + "/team/basic", "--to")));
        assertTrue(wrong.getMessage().contains("refused the login of " + USER), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("not-the-password"), wrong.getMessage());
    }

    @Test
    void aTokenRegistryIsReachedThroughItsTokenServiceWithTheLogin() throws Exception {
        pushAttachAndVerify(token, "team/token");
        // Distribution names the actions of a push's challenge in either order (pull,push or push,pull): a Go map's
        assertTrue(TOKENS[0].requests().stream().anyMatch(r -> r.startsWith("login scope=")
                && (r.contains("repository:team/token:pull,push") || r.contains("repository:team/token:push,pull"))),
                TOKENS[0].requests().toString());
        assertTrue(TOKENS[0].requests().stream().anyMatch(r -> r.startsWith("anonymous")), TOKENS[0].requests().toString());
        RegistryException wrong = assertThrows(RegistryException.class, () -> new RegistryPush(options(token, "not-the-password"))
                .push(layout("wrong"), ImageRef.parse(token.host() + "/team/token", "--to")));
        assertTrue(wrong.getMessage().contains("the token service of registry " + token.host() + " refused the login of " + USER),
                wrong.getMessage());
        assertFalse(wrong.getMessage().contains("not-the-password") || wrong.getMessage().contains(PASSWORD), wrong.getMessage());
    }

    @Test
    void aLoginIsNeverShownInOptionsOrCredentials() {
        RegistryOptions o = options(basic, PASSWORD);
        assertFalse(o.toString().contains(PASSWORD), o.toString());
        assertFalse(new RegistryCredentials(USER, PASSWORD).toString().contains(PASSWORD));
        assertEquals(USER, o.credentialsFor(basic.host()).orElseThrow().username());
    }
}
