package dev.hermeticbuild.image.registry;

import dev.hermeticbuild.InputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and password (or token) for one registry, sent only to that registry's origin (Basic)
 * or to the token service it names (Bearer). Never printed: {@link #toString()} names the user only.
 */
public record RegistryCredentials(String username, String password) {

    public RegistryCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty() || username.contains(":") || username.chars().anyMatch(c -> c < 0x20)) {
            throw new InputException("registry credentials: the user name is empty or holds ':' or a control character");
        }
        if (password.isEmpty() || password.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            throw new InputException("registry credentials for " + username + ": the password is empty or holds a control character");
        }
    }

    /** The {@code Authorization} header value of HTTP Basic with these credentials. */
    String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", password=(hidden)]";
    }
}
