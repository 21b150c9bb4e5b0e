package dev.hermeticbuild.cli;

import dev.hermeticbuild.image.registry.RegistryOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How push and verify --image reach a registry: https with the JVM's CAs unless told otherwise. */
final class RegistryAccessOptions {

    @Option(names = "--registry-ca", paramLabel = "PEM",
            description = "Trust the CA certificates in PEM (instead of the JVM's) for the registry's TLS certificate.")
    Path ca;

    @Option(names = "--plain-http", description = "Talk plain http to the registry: accepted only for a loopback registry (127.0.0.1, ::1, localhost).")
    boolean plainHttp;

    /** Whether any registry option was given. */
    boolean given() {
        return ca != null || plainHttp;
    }

    RegistryOptions options() {
        RegistryOptions o = RegistryOptions.defaults();
        if (ca != null) {
            o = o.withCaCertificates(ca);
        }
        return plainHttp ? o.withPlainHttp() : o;
    }
}
