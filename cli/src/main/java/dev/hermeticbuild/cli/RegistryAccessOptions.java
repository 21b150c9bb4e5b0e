package dev.hermeticbuild.cli;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.image.registry.DockerConfig;
import dev.hermeticbuild.image.registry.RegistryCredentials;
import dev.hermeticbuild.image.registry.RegistryOptions;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** How push, verify --image and the admission webhook reach a registry: https with the JVM's CAs, anonymously, unless told otherwise. */
final class RegistryAccessOptions {

    @Option(names = "--registry-ca", paramLabel = "PEM",
            description = "Trust the CA certificates in PEM (instead of the JVM's) for the registry's TLS certificate; its blob storage on another host is trusted through these and the JVM's.")
    Path ca;

    @Option(names = "--plain-http", description = "Talk plain http to the registry: accepted only for a loopback registry (127.0.0.1, ::1, localhost).")
    boolean plainHttp;

    @Option(names = "--registry-auth", paramLabel = "FILE", description = "Registry logins from a Docker config.json (what docker"
            + " login writes; a Kubernetes image pull secret's .dockerconfigjson): each registry gets only its own.")
    Path authFile;

    @Option(names = "--registry-login-env", paramLabel = "USER_VAR:PASSWORD_VAR", description = "The login for the registry this"
            + " command names, from these two environment variables (as Jenkins' withCredentials sets them).")
    String loginEnv;

    /** Whether any registry option was given. */
    boolean given() {
        return ca != null || plainHttp || authFile != null || loginEnv != null;
    }

    /** The options, with the logins of {@code --registry-auth}; {@code --registry-login-env} is refused here (no one registry). */
    RegistryOptions options() {
        if (loginEnv != null) {
            throw new InputException("--registry-login-env gives the login of one registry: use --registry-auth FILE here");
        }
        return base();
    }

    /** The options for a command that talks to {@code registry} alone, with the login of {@code --registry-login-env} for it. */
    RegistryOptions options(String registry, Map<String, String> environment) {
        RegistryOptions o = base();
        if (loginEnv == null) {
            return o;
        }
        String[] vars = loginEnv.split(":", -1);
        if (vars.length != 2 || !vars[0].matches("[A-Za-z_][A-Za-z0-9_]*") || !vars[1].matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InputException("--registry-login-env '" + Printable.escape(loginEnv) + "': expected USER_VAR:PASSWORD_VAR,"
                    + " two environment variable names");
        }
        String user = environment.get(vars[0]);
        String password = environment.get(vars[1]);
        if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
            throw new InputException("--registry-login-env: " + (user == null || user.isEmpty() ? vars[0] : vars[1])
                    + " is not set (or empty) in the environment");
        }
        return o.withCredentials(Map.of(registry, new RegistryCredentials(user, password)));
    }

    private RegistryOptions base() {
        RegistryOptions o = RegistryOptions.defaults();
        if (ca != null) {
            o = o.withCaCertificates(ca);
        }
        if (authFile != null) {
            o = o.withCredentials(DockerConfig.read(authFile));
        }
        return plainHttp ? o.withPlainHttp() : o;
    }
}
