package dev.hermeticbuild.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.hermeticbuild.DurationText;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads an admission policy file (YAML; reference in docs/how-to/admission.md) strictly: unknown
 * or duplicated fields, wrong types and bad values are errors naming the file and the field; key
 * directories are resolved against the file's directory.
 */
public final class AdmissionPolicyFile {

    /** Largest policy file read. */
    public static final long MAX_BYTES = 1024 * 1024;

    private static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> TOP = Set.of("mode", "exemptNamespaces", "unmatchedImages", "failurePolicy", "cacheTtl", "rules");
    private static final Set<String> RULE = Set.of("name", "namespaces", "images", "keys", "builderIds", "sourceRepositories",
            "requireHermetic", "requireReproducibility", "maxAge", "resolveTags");

    private static final String NAMESPACE = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

    private final Path file;
    private final Clock clock;

    private AdmissionPolicyFile(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** The policy in {@code file}; max ages are measured against {@code clock}. */
    public static AdmissionPolicy read(Path file, Clock clock) {
        JsonNode root;
        try {
            if (!Files.isRegularFile(file)) {
                throw new InputException("policy " + file + ": no such file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new InputException("policy " + file + ": larger than " + MAX_BYTES + " bytes");
            }
            root = YAML.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new InputException("policy " + file + ": not valid YAML"
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InputException("policy " + file + ": cannot read: " + e.getMessage(), e);
        }
        return new AdmissionPolicyFile(file, clock).policy(root);
    }

    private AdmissionPolicy policy(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw error("", "expected a mapping with mode, rules, ...");
        }
        onlyFields(root, "", TOP);
        AdmissionPolicy.Builder b = AdmissionPolicy.builder();
        optional(root, "mode").ifPresent(n -> b.mode(choice(n, "mode", Mode.values(), Mode::id)));
        optional(root, "exemptNamespaces").ifPresent(n -> b.exemptNamespaces(new LinkedHashSet<>(namespaceNames(n))));
        optional(root, "unmatchedImages").ifPresent(n -> b.unmatchedImages(choice(n, "unmatchedImages", Fallback.values(), Fallback::id)));
        optional(root, "failurePolicy").ifPresent(n -> b.registryFailure(choice(n, "failurePolicy", Fallback.values(), Fallback::id)));
        optional(root, "cacheTtl").ifPresent(n -> b.cacheTtl(DurationText.parse(where("cacheTtl"), text(n, "cacheTtl"))));
        JsonNode rules = optional(root, "rules").orElseThrow(() -> error("rules", "missing: a policy needs at least one rule"));
        if (!rules.isArray() || rules.isEmpty()) {
            throw error("rules", "expected a non-empty list of rules");
        }
        List<PolicyRule> list = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule rule = rule(rules.get(i), "rules[" + i + "]");
            if (!names.add(rule.name())) {
                throw error("rules[" + i + "].name", "'" + rule.name() + "' is the name of an earlier rule too");
            }
            list.add(rule);
        }
        return b.rules(list).build();
    }

    private PolicyRule rule(JsonNode node, String at) {
        if (!node.isObject()) {
            throw error(at, "expected a mapping");
        }
        onlyFields(node, at, RULE);
        String name = text(required(node, at, "name"), at + ".name");
        List<String> namespaces = optional(node, "namespaces").map(n -> nonEmpty(strings(n, at + ".namespaces"), at + ".namespaces",
                "omit it to apply the rule in every namespace")).orElse(List.of("*"));
        for (int i = 0; i < namespaces.size(); i++) {
            if (!namespaces.get(i).matches("[a-z0-9*-]+")) {
                throw error(at + ".namespaces[" + i + "]", "'" + namespaces.get(i) + "' is not a namespace glob (a-z, 0-9, -, *)");
            }
        }
        List<String> imageGlobs = nonEmpty(strings(required(node, at, "images"), at + ".images"), at + ".images",
                "a rule for no image never applies; name its images, e.g. registry.example.com/team/*");
        List<ImagePattern> images = new ArrayList<>();
        for (int i = 0; i < imageGlobs.size(); i++) {
            images.add(ImagePattern.parse(imageGlobs.get(i), where(at + ".images[" + i + "]")));
        }
        Path keys = file.toAbsolutePath().getParent().resolve(text(required(node, at, "keys"), at + ".keys"));
        Keyring keyring;
        try {
            keyring = Keyring.load(keys);
        } catch (InputException e) {
            throw error(at + ".keys", e.getMessage());
        }
        VerifyPolicy.Builder verify = VerifyPolicy.builder().keyring(keyring).clock(clock);
        optional(node, "builderIds").ifPresent(n -> verify.builderIds(new LinkedHashSet<>(strings(n, at + ".builderIds"))));
        optional(node, "requireHermetic").ifPresent(n -> verify.requireHermetic(bool(n, at + ".requireHermetic")));
        optional(node, "maxAge").ifPresent(n -> verify.maxAge(Optional.of(DurationText.parse(where(at + ".maxAge"), text(n, at + ".maxAge")))));
        boolean reproducible = optional(node, "requireReproducibility").map(n -> bool(n, at + ".requireReproducibility")).orElse(false);
        boolean resolveTags = optional(node, "resolveTags").map(n -> bool(n, at + ".resolveTags")).orElse(false);
        List<String> sources = optional(node, "sourceRepositories").map(n -> strings(n, at + ".sourceRepositories")).orElse(List.of());
        List<VerifyPolicy> policies = new ArrayList<>();
        if (sources.isEmpty()) {
            policies.add(verify.build());
        }
        for (String source : sources) {
            policies.add(verify.sourceUri(Optional.of(source)).build());
        }
        return new PolicyRule(name, namespaces, images, policies, reproducible, resolveTags);
    }

    /** Exempt namespaces are exact names, never globs: a typo must not silently exempt nothing, or everything. */
    private List<String> namespaceNames(JsonNode node) {
        List<String> names = strings(node, "exemptNamespaces");
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).matches(NAMESPACE)) {
                throw error("exemptNamespaces[" + i + "]", "'" + names.get(i) + "' is not a namespace name (DNS-1123 label:"
                        + " at most 63 lower-case letters, digits and -, starting and ending with a letter or digit; no globs)");
            }
        }
        return names;
    }

    private List<String> nonEmpty(List<String> values, String at, String hint) {
        if (values.isEmpty()) {
            throw error(at, "empty list: " + hint);
        }
        return values;
    }

    private void onlyFields(JsonNode node, String at, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                throw error((at.isEmpty() ? "" : at + ".") + field, "unknown field (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static Optional<JsonNode> optional(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).filter(n -> !n.isNull());
    }

    private JsonNode required(JsonNode node, String at, String field) {
        return optional(node, field).orElseThrow(() -> error(at + "." + field, "missing"));
    }

    private String text(JsonNode node, String at) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw error(at, "expected a non-empty string");
        }
        return node.asText();
    }

    private boolean bool(JsonNode node, String at) {
        if (!node.isBoolean()) {
            throw error(at, "expected true or false");
        }
        return node.asBoolean();
    }

    private List<String> strings(JsonNode node, String at) {
        if (!node.isArray()) {
            throw error(at, "expected a list of strings");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            values.add(text(node.get(i), at + "[" + i + "]"));
        }
        return values;
    }

    private <E extends Enum<E>> E choice(JsonNode node, String at, E[] values, Function<E, String> id) {
        String t = text(node, at).toLowerCase(Locale.ROOT);
        for (E e : values) {
            if (id.apply(e).equals(t)) {
                return e;
            }
        }
        throw error(at, "'" + node.asText() + "' is not one of " + String.join(", ", java.util.Arrays.stream(values).map(id).toList()));
    }

    private String where(String at) {
        return "policy " + file + ": " + at;
    }

    private InputException error(String at, String message) {
        return new InputException("policy " + file + (at.isEmpty() ? "" : ": " + at) + ": " + message);
    }
}
