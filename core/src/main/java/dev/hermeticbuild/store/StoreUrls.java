package dev.hermeticbuild.store;

import dev.hermeticbuild.InputException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Store JDBC URLs as a CI server configures them: the URL from the configuration, the password
 * from a credential (never written into the configuration itself).
 */
public final class StoreUrls {

    private StoreUrls() {
    }

    /** The URL with the password added for PostgreSQL; SQLite has none. Refuses URLs of other databases. */
    public static String withPassword(String jdbcUrl, Optional<String> password) {
        String url = jdbcUrl == null ? "" : jdbcUrl.strip();
        if (url.startsWith("jdbc:sqlite:")) {
            return url;
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new InputException("store URL " + url + ": expected jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
        }
        if (password.isEmpty() || password.get().isEmpty()) {
            return url;
        }
        if (url.contains("password=")) {
            throw new InputException("store URL: put the password in the credential, not in the URL");
        }
        return url + (url.contains("?") ? "&" : "?") + "password=" + URLEncoder.encode(password.get(), StandardCharsets.UTF_8);
    }
}
