package dev.hermeticbuild.sign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.bundle.MalformedBundleException;
import dev.hermeticbuild.bundle.StrictJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An in-toto Statement v1 as read from signed bytes: subjects and the predicate left as a JSON
 * tree. Parsing is strict: duplicate keys, a missing or empty subject list, or a subject
 * without a lowercase hex sha256 digest are errors naming the JSON path.
 */
public record InTotoStatement(List<Subject> subjects, String predicateType, JsonNode predicate) {

    /** The statement {@code _type} accepted. */
    public static final String TYPE = "https://in-toto.io/Statement/v1";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** One subject: its name and digests by algorithm; {@code sha256} is always present. */
    public record Subject(String name, Map<String, String> digest) {

        public Subject {
            digest = Map.copyOf(digest);
        }

        /** The lowercase hex SHA-256 digest. */
        public String sha256() {
            return digest.get("sha256");
        }
    }

    public InTotoStatement {
        subjects = List.copyOf(subjects);
    }

    /** Parses statement bytes that sit at JSON path {@code path} (e.g. a DSSE payload). */
    public static InTotoStatement parse(byte[] json, String path) {
        JsonNode root = StrictJson.object(StrictJson.parse(json, path), path);
        String type = StrictJson.text(root, path, "_type");
        if (!type.equals(TYPE)) {
            throw new MalformedBundleException(path + "._type", "unsupported statement type " + type
                    + " (expected " + TYPE + ")");
        }
        JsonNode subjects = StrictJson.array(root, path, "subject");
        if (subjects.isEmpty()) {
            throw new MalformedBundleException(path + ".subject", "empty subject list");
        }
        List<Subject> list = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            String at = path + ".subject[" + i + "]";
            JsonNode s = StrictJson.object(subjects.get(i), at);
            String name = StrictJson.optionalText(s, at, "name");
            JsonNode digest = StrictJson.child(s, at, "digest");
            Map<String, String> digests = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = digest.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                digests.put(e.getKey(), StrictJson.text(digest, at + ".digest", e.getKey()));
            }
            String sha = digests.get("sha256");
            if (sha == null) {
                throw new MalformedBundleException(at + ".digest.sha256", "missing");
            }
            if (!SHA256_HEX.matcher(sha).matches()) {
                throw new MalformedBundleException(at + ".digest.sha256",
                        "not 64 lowercase hex digits: " + sha);
            }
            list.add(new Subject(name == null ? "" : name, digests));
        }
        String predicateType = StrictJson.text(root, path, "predicateType");
        JsonNode predicate = root.get("predicate");
        if (predicate != null && !predicate.isObject()) {
            throw new MalformedBundleException(path + ".predicate", "must be an object");
        }
        return new InTotoStatement(list, predicateType,
                predicate == null ? StrictJson.mapper().createObjectNode() : predicate);
    }
}
