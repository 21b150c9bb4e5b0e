package dev.hermeticbuild.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.bundle.MalformedBundleException;
import dev.hermeticbuild.bundle.StrictJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An in-toto Statement v1 as read: subjects, the predicate type, and the predicate, bound to its
 * typed record on request ({@link #slsaProvenance()}, {@link #reproducibility()}). Parsing is
 * strict: duplicate keys, a wrong {@code _type}, or a value of the wrong JSON type are errors
 * naming the JSON path.
 *
 * @param path the JSON path the statement was read at (e.g. {@code $.dsseEnvelope.payload})
 */
public record InTotoStatement(List<Subject> subjects, String predicateType, JsonNode predicate, String path) {

    /** What is required of the subjects beyond their shape. */
    public enum Rules {
        /** Signed or about to be signed: at least one subject, each with 64 lowercase hex sha256 digits. */
        SIGNED,
        /** Read back to show or rebuild, compared and never trusted: the list may be empty, a sha256 is taken as written. */
        RECORDED
    }

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** One subject: its name and digests by algorithm; {@code sha256} is always present. */
    public record Subject(String name, Map<String, String> digest) {

        public Subject {
            digest = Map.copyOf(digest);
        }

        /** The SHA-256 digest (lowercase hex under {@link Rules#SIGNED}). */
        public String sha256() {
            return digest.get("sha256");
        }
    }

    public InTotoStatement {
        subjects = List.copyOf(subjects);
    }

    /** Parses signed statement bytes that sit at JSON path {@code path} (e.g. a DSSE payload). */
    public static InTotoStatement parse(byte[] json, String path) {
        return parse(json, path, Rules.SIGNED);
    }

    public static InTotoStatement parse(byte[] json, String path, Rules rules) {
        return of(StrictJson.parse(json, path), path, rules);
    }

    /**
     * Parses statement bytes given as input: a malformed statement is an input error,
     * "{@code described} is not a valid in-toto statement: " and the JSON path of what is wrong.
     */
    public static InTotoStatement read(byte[] json, String described, Rules rules) {
        try {
            return parse(json, "$", rules);
        } catch (MalformedBundleException e) {
            throw new InputException(described + " is not a valid in-toto statement: " + problem(e), e);
        }
    }

    /** What a rejection says without the bundle wording: the JSON path and what is wrong there. */
    public static String problem(MalformedBundleException e) {
        return e.getMessage().substring(e.getMessage().indexOf(e.jsonPath()));
    }

    /** Reads an already parsed statement tree. */
    public static InTotoStatement of(JsonNode tree, String path, Rules rules) {
        JsonNode root = StrictJson.object(tree, path);
        String type = StrictJson.text(root, path, "_type");
        if (!type.equals(StatementTypes.STATEMENT_V1)) {
            throw new MalformedBundleException(path + "._type", "unsupported statement type " + type
                    + " (expected " + StatementTypes.STATEMENT_V1 + ")");
        }
        JsonNode subjects = StrictJson.array(root, path, "subject");
        if (subjects.isEmpty() && rules == Rules.SIGNED) {
            throw new MalformedBundleException(path + ".subject", "empty subject list");
        }
        List<Subject> list = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            list.add(subject(subjects.get(i), path + ".subject[" + i + "]", rules));
        }
        String predicateType = StrictJson.text(root, path, "predicateType");
        JsonNode predicate = root.get("predicate");
        if (predicate != null && !predicate.isObject()) {
            throw new MalformedBundleException(path + ".predicate", "must be an object");
        }
        return new InTotoStatement(list, predicateType,
                predicate == null ? StrictJson.mapper().createObjectNode() : predicate, path);
    }

    private static Subject subject(JsonNode node, String at, Rules rules) {
        JsonNode s = StrictJson.object(node, at);
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
        if (rules == Rules.SIGNED && !SHA256_HEX.matcher(sha).matches()) {
            throw new MalformedBundleException(at + ".digest.sha256", "not 64 lowercase hex digits: " + sha);
        }
        return new Subject(name == null ? "" : name, digests);
    }

    /** The predicate as SLSA Provenance v1 (whatever {@link #predicateType()} says: the caller checks it). */
    public SlsaProvenance slsaProvenance() {
        return PredicateReader.read(predicate, SlsaProvenance.class, path + ".predicate");
    }

    /** The predicate as our reproducibility result (the caller checks {@link #predicateType()}). */
    public ReproducibilityPredicate reproducibility() {
        return PredicateReader.read(predicate, ReproducibilityPredicate.class, path + ".predicate");
    }

    /** The subjects as descriptors (name and digests), to write another statement about the same artifacts. */
    public List<ResourceDescriptor> subjectDescriptors() {
        return subjects.stream().map(s -> new ResourceDescriptor(s.name(), null, s.digest(), null, null)).toList();
    }
}
