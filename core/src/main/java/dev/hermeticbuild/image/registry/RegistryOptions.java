package dev.hermeticbuild.image.registry;

import dev.hermeticbuild.InputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a registry. Strict by default: https with the JVM's trusted CAs and a 30 s
 * timeout per request. Plain http is accepted only for a loopback registry, and only when asked.
 *
 * @param caCertificates a PEM file of CA certificates to trust instead of the JVM's for the registry (its storage on
 *                       another host, reached by a blob redirect, is trusted through these and the JVM's)
 * @param plainHttp      talk http, not https (loopback registries only)
 * @param timeout        per request, connecting included
 * @param credentials    logins by registry ({@code host[:port]}, lower case); a registry without one is accessed anonymously
 */
public record RegistryOptions(Optional<Path> caCertificates, boolean plainHttp, Duration timeout,
                              Map<String, RegistryCredentials> credentials) {

    public RegistryOptions {
        Objects.requireNonNull(caCertificates, "caCertificates");
        credentials = Map.copyOf(credentials);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InputException("registry timeout must be positive, got " + timeout);
        }
        if (plainHttp && caCertificates.isPresent()) {
            throw new InputException("a CA file is for https: it cannot be combined with plain http");
        }
    }

    /** https, the JVM's CAs, 30 s per request. */
    public static RegistryOptions defaults() {
        return new RegistryOptions(Optional.empty(), false, Duration.ofSeconds(30), Map.of());
    }

    /** These options trusting the CA certificates in {@code pem} (replacing the JVM's). */
    public RegistryOptions withCaCertificates(Path pem) {
        return new RegistryOptions(Optional.of(pem), plainHttp, timeout, credentials);
    }

    /** These options over plain http (accepted for a loopback registry only). */
    public RegistryOptions withPlainHttp() {
        return new RegistryOptions(caCertificates, true, timeout, credentials);
    }

    /** These options with {@code t} per request. */
    public RegistryOptions withTimeout(Duration t) {
        return new RegistryOptions(caCertificates, plainHttp, t, credentials);
    }

    /** These options with {@code logins} added (by registry, as {@link DockerConfig#read} gives them); a later login for a registry wins. */
    public RegistryOptions withCredentials(Map<String, RegistryCredentials> logins) {
        Map<String, RegistryCredentials> all = new java.util.LinkedHashMap<>(credentials);
        logins.forEach((registry, login) -> all.put(DockerConfig.registryOf(registry, "registry login"), login));
        return new RegistryOptions(caCertificates, plainHttp, timeout, all);
    }

    /** The login for {@code registry} ({@code host[:port]}), if any. */
    public Optional<RegistryCredentials> credentialsFor(String registry) {
        return Optional.ofNullable(credentials.get(DockerConfig.registryOf(registry, "registry")));
    }

    @Override
    public String toString() {
        return "RegistryOptions[caCertificates=" + caCertificates + ", plainHttp=" + plainHttp + ", timeout=" + timeout
                + ", credentials for " + new java.util.TreeSet<>(credentials.keySet()) + "]";
    }
}
