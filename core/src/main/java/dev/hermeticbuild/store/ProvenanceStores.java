package dev.hermeticbuild.store;

import dev.hermeticbuild.InputException;
import java.nio.file.Path;
import dev.hermeticbuild.sign.Signer;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a {@link ProvenanceStore} from a JDBC URL: {@code jdbc:sqlite:PATH} (the default, a file
 * under the user's data directory) or {@code jdbc:postgresql://HOST:PORT/DB?user=…}.
 */
public final class ProvenanceStores {

    private ProvenanceStores() {
    }

    /** Opens (creating or upgrading as needed) the store at {@code jdbcUrl}. */
    public static ProvenanceStore open(String jdbcUrl) {
        return open(jdbcUrl, Schema.LATEST, Optional.empty());
    }

    /**
     * Opens the store; with a {@code checkpointKey} (the store key), every append also signs a
     * checkpoint of the new head in the same transaction.
     */
    public static ProvenanceStore open(String jdbcUrl, Optional<Signer> checkpointKey) {
        return open(jdbcUrl, Schema.LATEST, checkpointKey);
    }

    /** Opens the store with its schema brought only to {@code version} (migration tests). */
    static ProvenanceStore open(String jdbcUrl, int version) {
        return open(jdbcUrl, version, Optional.empty());
    }

    private static ProvenanceStore open(String jdbcUrl, int version, Optional<Signer> checkpointKey) {
        return new JdbcProvenanceStore(jdbcUrl, redact(jdbcUrl), dialect(jdbcUrl), version, checkpointKey);
    }

    private static Dialect dialect(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return new SqliteDialect();
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        throw new InputException("--store " + redact(url) + ": not a supported JDBC URL"
                + " (jdbc:sqlite:PATH or jdbc:postgresql://HOST:PORT/DB)");
    }

    /** The default store: {@code $XDG_DATA_HOME/hermetic/store.db}, else {@code ~/.local/share/hermetic/store.db}. */
    public static String defaultUrl(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return "jdbc:sqlite:" + base.resolve("hermetic").resolve("store.db");
    }

    /** The URL with any password parameter or user-info password blanked, for messages. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;\\s]*", "$1***").replaceAll("(//[^/:@\\s]+:)[^@/\\s]*@", "$1***@");
    }

    /**
     * {@code text} (a driver's error message) with the URL's password removed wherever it
     * appears: as a URL parameter, as user info, and as its plain (decoded) value.
     */
    static String redact(String text, String url) {
        String out = redact(text);
        for (String secret : passwords(url)) {
            if (secret.length() >= 1) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }

    private static java.util.List<String> passwords(String url) {
        java.util.List<String> found = new java.util.ArrayList<>();
        java.util.regex.Matcher param = java.util.regex.Pattern.compile("(?i)password=([^&;]*)").matcher(url);
        while (param.find()) {
            found.add(param.group(1));
            found.add(java.net.URLDecoder.decode(param.group(1), java.nio.charset.StandardCharsets.UTF_8));
        }
        java.util.regex.Matcher info = java.util.regex.Pattern.compile("//[^/:@]+:([^@/]*)@").matcher(url);
        while (info.find()) {
            found.add(info.group(1));
        }
        found.removeIf(String::isEmpty);
        found.sort(java.util.Comparator.comparingInt(String::length).reversed());
        return found;
    }
}
