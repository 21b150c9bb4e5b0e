package dev.hermeticbuild.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigTest {

    @TempDir
    Path dir;

    private Path config(String json) throws Exception {
        return Files.writeString(dir.resolve("config.json"), json);
    }

    private static String auth(String userAndPassword) {
        return Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void loginsAreReadPerRegistryAsDockerLoginAndPullSecretsWriteThem() throws Exception {
        Map<String, RegistryCredentials> logins = DockerConfig.read(config("{\"auths\":{"
                + "\"https://index.docker.io/v1/\":{\"auth\":\"" + auth("hub-user:hub:pass") + "\"},"
                + "\"Registry.Example.com:443\":{\"username\":\"ci\",\"password\":\"pw\"},"
                + "\"127.0.0.1:5000\":{\"auth\":\"" + auth("local:secret") + "\"}}}"));
        assertEquals(new RegistryCredentials("hub-user", "hub:pass"), logins.get("docker.io"));
        assertEquals(new RegistryCredentials("ci", "pw"), logins.get("registry.example.com"));
        RegistryOptions options = RegistryOptions.defaults().withCredentials(logins);
        assertEquals(Optional.of("local"), options.credentialsFor("127.0.0.1:5000").map(RegistryCredentials::username));
        assertEquals(Optional.empty(), options.credentialsFor("127.0.0.1:5001"));
        assertEquals(Optional.of("ci"), options.credentialsFor("registry.example.com:443").map(RegistryCredentials::username));
    }

    @Test
    void helpersTokensAndBadEntriesAreRefusedWithoutShowingTheSecret() throws Exception {
        assertRefused("{\"auths\":{},\"credHelpers\":{\"gcr.io\":\"gcloud\"}}", "registry gcr.io is left to a credential helper");
        assertRefused("{\"auths\":{\"r.example.com\":{\"identitytoken\":\"tok-SECRET\"}}}", "identity and registry tokens are not supported");
        assertRefused("{\"auths\":{\"r.example.com\":{\"auth\":\"" + auth("no-colon-SECRET") + "\"}}}", "must be base64 of user:password");
        assertRefused("{\"auths\":{\"r.example.com\":{\"auth\":\"%%%SECRET\"}}}", "\"auth\" is not base64");
        assertRefused("{\"auths\":{\"r.example.com\":{}}}", "no login");
        assertRefused("{\"auths\":{\"not a host/SECRET\":{\"auth\":\"x\"}}}", "is not a registry host");
        assertRefused("{\"auths\":{\"r.example.com\":{\"auth\":\"SECRET", "not valid JSON");
        assertRefused("{\"auths\":[]}", "\"auths\" must be an object");
    }

    private void assertRefused(String json, String expected) throws Exception {
        InputException e = assertThrows(InputException.class, () -> DockerConfig.read(config(json)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("registry auth file "), e.getMessage());
        if (!expected.contains("registry host")) {
            assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        }
    }

    @Test
    void challengesAreReadAsRegistriesSendThem() {
        AuthChallenge bearer = AuthChallenge.first(List.of("Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\","
                + "scope=\"repository:team/app:pull,push\"")).orElseThrow();
        assertTrue(bearer.bearer());
        assertEquals(Optional.of("https://auth.example.com/token"), bearer.parameter("realm"));
        assertEquals(Optional.of("repository:team/app:pull,push"), bearer.parameter("scope"));
        assertTrue(AuthChallenge.first(List.of("Negotiate", "Basic realm=\"registry\"")).orElseThrow().basic());
        assertEquals(Optional.empty(), AuthChallenge.first(List.of("Bearer realm=\"unterminated")));
        assertEquals(Optional.empty(), AuthChallenge.first(List.of("Bearer realm=\"a\",realm=\"b\"")));
        assertEquals(Optional.of("a\"b"), AuthChallenge.parse("Bearer realm=\"a\\\"b\"").orElseThrow().parameter("realm"));
    }
}
