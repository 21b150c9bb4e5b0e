package dev.hermeticbuild.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Docker Hub's images are named docker.io/..., but its registry API answers on registry-1.docker.io (docker.io is the web site). */
class RegistryApiHostTest {

    @Test
    void dockerHubIsAskedOnItsApiHostAndEveryOtherRegistryOnItsName() {
        RegistryOptions options = RegistryOptions.defaults();
        assertEquals(URI.create("https://registry-1.docker.io"), new RegistryClient("docker.io", options).base());
        assertEquals(URI.create("https://registry-1.docker.io"), new RegistryClient("index.docker.io", options).base());
        assertEquals(URI.create("https://ghcr.io"), new RegistryClient("ghcr.io", options).base());
        assertEquals(URI.create("https://registry.example.com:5000"), new RegistryClient("registry.example.com:5000", options).base());
        assertEquals("docker.io", new RegistryClient("docker.io", options).registry(), "messages and logins keep the registry's name");
    }

    @Test
    void aDockerHubLoginFromADockerConfigIsTheOneForDockerIo() {
        RegistryOptions options = RegistryOptions.defaults()
                .withCredentials(Map.of("https://index.docker.io/v1/", new RegistryCredentials("ci", "token")));
        assertEquals("ci", options.credentialsFor("docker.io").orElseThrow().username());
    }
}
