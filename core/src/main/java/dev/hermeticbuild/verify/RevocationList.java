package dev.hermeticbuild.verify;

import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Revoked key ids with the reason for each. File format: one lowercase hex key id per line,
 * optionally followed by {@code # reason}; blank lines and lines starting with {@code #} are
 * ignored. A revoked key is refused for every signature, however old.
 */
public record RevocationList(Map<String, String> revoked) {

    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{64}");

    public RevocationList {
        revoked = Map.copyOf(revoked);
    }

    /** No key revoked. */
    public static RevocationList none() {
        return new RevocationList(Map.of());
    }

    /** Reads a revocation list file; a malformed line is an error naming its number. */
    public static RevocationList load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException("revocation list " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int hash = line.indexOf('#');
            String id = (hash < 0 ? line : line.substring(0, hash)).strip();
            String reason = hash < 0 ? "" : line.substring(hash + 1).strip();
            if (!KEY_ID.matcher(id).matches()) {
                throw new InputException("revocation list " + file + " line " + (i + 1)
                        + ": not a key id (64 lowercase hex digits): " + id);
            }
            map.put(id, reason);
        }
        return new RevocationList(map);
    }

    /** The revocation reason of {@code keyId} (possibly empty), if it is revoked. */
    public Optional<String> reason(String keyId) {
        return Optional.ofNullable(revoked.get(keyId));
    }

    /** The rejection text for a revoked key: {@code key <id> revoked[: reason]}. */
    public Optional<String> rejection(String keyId) {
        return reason(keyId).map(r -> "key " + keyId + " revoked" + (r.isEmpty() ? "" : ": " + r));
    }
}
