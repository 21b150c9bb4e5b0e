package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.cli.BuildCommandTest.Run;
import dev.hermeticbuild.image.LayoutFixture;
import dev.hermeticbuild.testing.OciRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code push}/{@code verify --image} against a registry that asks for a login (Distribution 2.8 with htpasswd, over TLS). */
class RegistryLoginCommandTest {

    private static final String PASSWORD = "pa55-for-the-registry";

    @TempDir
    static Path registryDir;

    private static OciRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        registry = OciRegistry.startWithBasicAuth(registryDir, "ci-bot", PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private Path authFile(String password) throws Exception {
        String auth = Base64.getEncoder().encodeToString(("ci-bot:" + password).getBytes(StandardCharsets.UTF_8));
        return Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");
    }

    @Test
    void pushAndVerifyWithTheLoginOfADockerConfig() throws Exception {
        String digest = LayoutFixture.single(dir.resolve("image"), "with a login").manifests().get(0);
        Run anonymous = BuildCommandTest.hermetic("push", "--image", dir.resolve("image").toString(), "--to", registry.host() + "/team/app",
                "--registry-ca", registry.caPem().toString());
        assertEquals(1, anonymous.exit(), anonymous.err());
        assertTrue(anonymous.err().contains("asks for a login (401)") && anonymous.err().contains("--registry-auth FILE"), anonymous.err());

        Run wrong = BuildCommandTest.hermetic("push", "--image", dir.resolve("image").toString(), "--to", registry.host() + "/team/app",
                "--registry-ca", registry.caPem().toString(), "--registry-auth", authFile("wrong-pa55").toString());
        assertEquals(1, wrong.exit(), wrong.err());
        assertTrue(wrong.err().contains("refused the login of ci-bot"), wrong.err());
        assertFalse(wrong.err().contains("wrong-pa55"), wrong.err());

        Run push = BuildCommandTest.hermetic("push", "--image", dir.resolve("image").toString(), "--to", registry.host() + "/team/app",
                "--registry-ca", registry.caPem().toString(), "--registry-auth", authFile(PASSWORD).toString());
        assertEquals(0, push.exit(), push.err());
        assertTrue(push.out().startsWith("pushed " + registry.host() + "/team/app@sha256:" + digest), push.out());
        assertFalse(push.out().contains(PASSWORD) || push.err().contains(PASSWORD));

        Run pull = BuildCommandTest.hermetic("pull", "--image", registry.host() + "/team/app@sha256:" + digest, "--out",
                dir.resolve("pulled").toString(), "--registry-ca", registry.caPem().toString(), "--registry-auth", authFile(PASSWORD).toString());
        assertEquals(0, pull.exit(), pull.err());
        assertTrue(pull.out().contains("--image-base oci:" + dir.resolve("pulled") + "@sha256:" + digest), pull.out());

        assertEquals(0, BuildCommandTest.hermetic("keygen", "--key", dir.resolve("k.pem").toString(), "--pub",
                dir.resolve("k.pub").toString()).exit());
        Run verify = BuildCommandTest.hermetic("verify", "--image", registry.host() + "/team/app@sha256:" + digest, "--pub",
                dir.resolve("k.pub").toString(), "--registry-ca", registry.caPem().toString(), "--registry-auth", authFile(PASSWORD).toString());
        assertTrue(verify.out().contains("no Sigstore bundle is attached") || verify.err().contains("no Sigstore bundle is attached"),
                verify.out() + verify.err());
    }

    @Test
    void theLoginOfTwoEnvironmentVariablesIsForTheOneRegistryTheCommandNames() {
        RegistryAccessOptions options = new RegistryAccessOptions();
        options.loginEnv = "REG_USER:REG_PASSWORD";
        var access = options.options("registry.example.com", Map.of("REG_USER", "ci-bot", "REG_PASSWORD", PASSWORD));
        assertEquals(Optional.of("ci-bot"), access.credentialsFor("registry.example.com").map(c -> c.username()));
        assertEquals(Optional.empty(), access.credentialsFor("elsewhere.example.com"));
        InputException unset = assertThrows(InputException.class, () -> options.options("r.example.com", Map.of("REG_USER", "ci-bot")));
        assertEquals("--registry-login-env: REG_PASSWORD is not set (or empty) in the environment", unset.getMessage());
        options.loginEnv = "REG_USER";
        assertTrue(assertThrows(InputException.class, () -> options.options("r.example.com", Map.of())).getMessage()
                .contains("expected USER_VAR:PASSWORD_VAR"));
        InputException many = assertThrows(InputException.class, options::options);
        assertTrue(many.getMessage().contains("use --registry-auth FILE here"), many.getMessage());
    }
}
