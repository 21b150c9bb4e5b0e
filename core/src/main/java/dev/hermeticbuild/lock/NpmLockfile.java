package dev.hermeticbuild.lock;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * npm's {@code package-lock.json} (lockfileVersion 2 and 3): every installed package with its
 * exact version, tarball URL and Subresource-Integrity hash (converted to hex).
 */
public final class NpmLockfile {

    public static final String FILE = "package-lock.json";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private NpmLockfile() {
    }

    public static List<LockedDependency> read(Path file) {
        String name = file.getFileName().toString();
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonParseException e) {
            throw new LockfileException(name, e.getLocation().getLineNr(), "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new LockfileException(name, 0, "cannot read: " + e.getMessage());
        }
        int version = root.path("lockfileVersion").asInt(0);
        JsonNode packages = root.path("packages");
        if (version < 2 || !packages.isObject()) {
            throw new LockfileException(name, 1, "lockfileVersion " + version + " is not supported: regenerate it with npm 7 or later (lockfileVersion 2 or 3)");
        }
        List<LockedDependency> deps = new ArrayList<>();
        var fields = packages.fields();
        int index = 0;
        while (fields.hasNext()) {
            var entry = fields.next();
            index++;
            String path = entry.getKey();
            JsonNode p = entry.getValue();
            if (path.isEmpty() || p.path("link").asBoolean(false)) {
                continue;
            }
            String pkg = p.hasNonNull("name") ? p.get("name").asText() : path.substring(path.lastIndexOf("node_modules/") + 13);
            String ver = p.path("version").asText("");
            Map<String, String> digests = integrity(p.path("integrity").asText(""));
            List<String> licenses = p.hasNonNull("license") ? List.of(p.get("license").asText()) : List.of();
            String purl = "pkg:npm/" + (pkg.startsWith("@") ? "%40" + pkg.substring(1) : pkg) + "@" + ver;
            deps.add(new LockedDependency("npm", pkg, ver, digests, Optional.ofNullable(p.path("resolved").textValue()),
                    purl, licenses, name, index));
        }
        return deps;
    }

    /**
     * Registry packages of an npm lock without a {@code resolved} URL (npm writes none with
     * {@code omit-lockfile-registry-resolved}): {@code npm ci --offline} cannot install them from a
     * cache, it asks the registry for their metadata and fails with ENOTCACHED. Bundled entries
     * (no integrity of their own: they come inside their parent's tarball) are not counted.
     */
    public static List<LockedDependency> withoutResolved(List<LockedDependency> dependencies) {
        return dependencies.stream().filter(d -> d.ecosystem().equals("npm") && d.url().isEmpty() && !d.digests().isEmpty()).toList();
    }

    /** Why an npm lock cannot be used offline, and how to regenerate it; empty when every registry package has its URL. */
    public static java.util.Optional<String> offlineProblem(List<LockedDependency> dependencies) {
        List<LockedDependency> missing = withoutResolved(dependencies);
        if (missing.isEmpty()) {
            return java.util.Optional.empty();
        }
        LockedDependency first = missing.get(0);
        return java.util.Optional.of(first.lockfile() + ": " + missing.size() + " package(s) have no 'resolved' URL (first: "
                + first.name() + "@" + first.version() + "), so 'npm ci --offline' would fail inside the sandbox with ENOTCACHED;"
                + " regenerate the lock with 'npm install --package-lock-only --omit-lockfile-registry-resolved=false'"
                + " (and drop the setting for good with 'npm config delete omit-lockfile-registry-resolved')");
    }

    /** Declared dependency names of package.json (all dependency kinds), to find a stale lock. */
    public static List<String> declared(Path packageJson) {
        try {
            JsonNode root = JSON.readTree(packageJson.toFile());
            List<String> names = new ArrayList<>();
            for (String kind : List.of("dependencies", "devDependencies", "optionalDependencies")) {
                root.path(kind).fieldNames().forEachRemaining(names::add);
            }
            return names;
        } catch (IOException e) {
            throw new LockfileException(packageJson.getFileName().toString(), 0, "cannot read: " + e.getMessage());
        }
    }

    /** {@code sha512-BASE64 sha1-BASE64} to {@code sha512 -> hex, sha1 -> hex}. */
    static Map<String, String> integrity(String sri) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String part : sri.trim().split("\\s+")) {
            int dash = part.indexOf('-');
            if (dash > 0) {
                try {
                    digests.put(part.substring(0, dash), HexFormat.of().formatHex(Base64.getDecoder().decode(part.substring(dash + 1))));
                } catch (IllegalArgumentException e) {
                    // not base64: left out, so the entry counts as unhashed
                }
            }
        }
        return digests;
    }
}
