package dev.hermeticbuild.agent;

import dev.hermeticbuild.HermeticException;
import dev.hermeticbuild.build.Tier;
import dev.hermeticbuild.store.StoreUrls;
import dev.hermeticbuild.verify.Keyring;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The rules for a CI adapter's global settings (builder id, default tier, trusted keys, store URL):
 * what is wrong with a value, in the words the engine would use; empty when it is fine. They live
 * here so an adapter's form only shows them.
 */
public final class CiSettings {

    private CiSettings() {
    }

    /** Blank is fine (the Jenkins URL is used); otherwise an absolute http(s) URI. */
    public static Optional<String> builderId(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.trim());
            if (uri.isAbsolute() && uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            return Optional.of("not a URI: " + e.getReason());
        }
        return Optional.of("expected an absolute https:// URI naming this builder, e.g. https://ci.example.com/hermetic");
    }

    public static Optional<String> tier(String value) {
        return failure(() -> Tier.parse(value == null || value.isBlank() ? "release" : value.trim()));
    }

    public static Optional<String> trustedKeys(String value) {
        return value == null || value.isBlank() ? Optional.empty() : failure(() -> Keyring.fromPem(value, "trusted public keys"));
    }

    /** A store URL the engine opens, with no password in it (the configuration is saved as plain XML). */
    public static Optional<String> storeUrl(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (value.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
            return Optional.of("put the password in the store password credential, not in the URL (the configuration is saved in plain text)");
        }
        return failure(() -> StoreUrls.withPassword(value, Optional.empty()));
    }

    private static Optional<String> failure(Runnable check) {
        try {
            check.run();
            return Optional.empty();
        } catch (HermeticException e) {
            return Optional.of(e.getMessage());
        }
    }
}
