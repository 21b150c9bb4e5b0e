package dev.hermeticbuild.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.bundle.MalformedBundleException;
import dev.hermeticbuild.bundle.SigstoreBundle;
import dev.hermeticbuild.bundle.StrictJson;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.image.MediaTypes;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Attestations attached to an image as OCI artifacts: each Sigstore bundle is the one layer of an
 * image manifest whose {@code subject} is the image and whose {@code artifactType} is the bundle's
 * media type. Discovery asks the OCI 1.1 referrers API and, where the registry has none (CNCF
 * Distribution 2.8), reads the referrers tag schema's index ({@code sha256-<hex>}); attaching to
 * such a registry also updates that index.
 */
public final class Referrers {

    /** The Sigstore bundle v0.3 media type, as cosign 2.x and sigstore bundle users know it. */
    public static final String BUNDLE_ARTIFACT_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
    /** The annotation holding the attached file's name. */
    public static final String TITLE = "org.opencontainers.image.title";
    /** Most referrers read for one image. */
    public static final int MAX_REFERRERS = 256;

    static final String EMPTY_MEDIA_TYPE = "application/vnd.oci.empty.v1+json";
    static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);
    private static final String SUBJECT_HEADER = "OCI-Subject";

    private final RegistryOptions options;

    public Referrers(RegistryOptions options) {
        this.options = options;
    }

    /**
     * Attaches the Sigstore bundle file {@code bundleFile} to the image {@code subject} (pinned;
     * {@code subjectMediaType} and {@code subjectSize} from its descriptor) and returns the referrer.
     * The file must be a Sigstore bundle; the same bundle attached twice is one referrer.
     */
    public Referrer attach(ImageRef subject, String subjectMediaType, long subjectSize, Path bundleFile) {
        subject.requirePinned("subject image");
        byte[] bundle = readBundle(bundleFile);
        RegistryClient client = new RegistryClient(subject.registry(), options);
        String repo = subject.repository();
        String emptySha = Sha256.ofBytes(EMPTY);
        if (!client.hasBlob(repo, emptySha)) {
            client.pushBlob(repo, emptySha, HttpRequest.BodyPublishers.ofByteArray(EMPTY));
        }
        String bundleSha = Sha256.ofBytes(bundle);
        if (!client.hasBlob(repo, bundleSha)) {
            client.pushBlob(repo, bundleSha, HttpRequest.BodyPublishers.ofByteArray(bundle));
        }
        String title = bundleFile.getFileName().toString();
        ObjectNode manifest = StrictJson.mapper().createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.put("artifactType", BUNDLE_ARTIFACT_TYPE);
        manifest.set("config", RegistryJson.descriptor(EMPTY_MEDIA_TYPE, emptySha, EMPTY.length));
        ObjectNode layer = RegistryJson.descriptor(BUNDLE_ARTIFACT_TYPE, bundleSha, bundle.length);
        layer.putObject("annotations").put(TITLE, title);
        manifest.putArray("layers").add(layer);
        manifest.set("subject", RegistryJson.descriptor(subjectMediaType, subject.sha256().orElseThrow(), subjectSize));
        manifest.putObject("annotations").put(TITLE, title);
        byte[] bytes = RegistryJson.bytes(manifest);
        String sha = Sha256.ofBytes(bytes);
        HttpHeaders answer = client.putManifest(repo, "sha256:" + sha, MediaTypes.OCI_MANIFEST, bytes);
        Referrer referrer = new Referrer(sha, MediaTypes.OCI_MANIFEST, bytes.length, BUNDLE_ARTIFACT_TYPE, Map.of(TITLE, title));
        if (!answer.firstValue(SUBJECT_HEADER).map(subject.digest()::equals).orElse(false)) {
            addToFallbackIndex(client, subject, referrer);
        }
        return referrer;
    }

    /** The bytes of {@code bundleFile}, refused unless it is a Sigstore bundle (at most 16 MiB): check before pushing. */
    public static byte[] readBundle(Path bundleFile) {
        byte[] bundle = StrictJson.readCapped(bundleFile, "attestation bundle");
        try {
            SigstoreBundle.parse(bundle);
        } catch (MalformedBundleException e) {
            throw new InputException("attestation bundle " + Printable.escape(bundleFile)
                    + " is not a Sigstore bundle: " + e.getMessage());
        }
        return bundle;
    }

    /**
     * What the registry lists as referrers of an image: each distinct, well-formed entry once, and
     * why each other entry was skipped. Anyone who may push to the repository may write the tag
     * schema's index, so one malformed entry must not hide the others.
     */
    public record Found(List<Referrer> referrers, List<String> skipped) {

        public Found {
            referrers = List.copyOf(referrers);
            skipped = List.copyOf(skipped);
        }
    }

    /** The referrers of the pinned image {@code subject}: the referrers API's answer, else the tag schema's index. */
    public List<Referrer> list(ImageRef subject) {
        return find(subject).referrers();
    }

    /** As {@link #list}, with the entries that were skipped and why. */
    public Found find(ImageRef subject) {
        subject.requirePinned("image");
        RegistryClient client = new RegistryClient(subject.registry(), options);
        String hex = subject.sha256().orElseThrow();
        Optional<List<byte[]>> api = client.referrersApi(subject.repository(), hex);
        if (api.isPresent()) {
            List<Referrer> all = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int page = 0; page < api.get().size(); page++) {
                Found found = read(api.get().get(page), "referrers of " + subject + (page > 0 ? " (page " + (page + 1) + ")" : ""));
                found.referrers().stream().filter(r -> seen.add(r.sha256()) && seen.size() <= MAX_REFERRERS).forEach(all::add);
                skipped.addAll(found.skipped());
            }
            return new Found(all, skipped);
        }
        return fallback(client, subject).map(f -> read(f.bytes(), "referrers tag " + fallbackTag(hex) + " of " + subject))
                .orElse(new Found(List.of(), List.of()));
    }

    /** The referrers tag schema's tag for a digest: {@code sha256-<hex>}. */
    static String fallbackTag(String sha256) {
        return "sha256-" + sha256;
    }

    private static Optional<RegistryClient.Fetched> fallback(RegistryClient client, ImageRef subject) {
        return client.getManifest(subject.repository(), fallbackTag(subject.sha256().orElseThrow()), Set.of(MediaTypes.OCI_INDEX));
    }

    private static void addToFallbackIndex(RegistryClient client, ImageRef subject, Referrer referrer) {
        // a malformed entry someone left is dropped when the index is written again
        List<Referrer> current = fallback(client, subject)
                .map(f -> read(f.bytes(), "referrers tag of " + subject).referrers()).orElse(List.of());
        if (current.stream().anyMatch(r -> r.sha256().equals(referrer.sha256()))) {
            return;
        }
        List<Referrer> all = new ArrayList<>(current);
        all.add(referrer);
        ObjectNode index = StrictJson.mapper().createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (Referrer r : all) {
            ObjectNode d = RegistryJson.descriptor(r.mediaType(), r.sha256(), r.size());
            if (!r.artifactType().isEmpty()) {
                d.put("artifactType", r.artifactType());
            }
            if (!r.annotations().isEmpty()) {
                ObjectNode a = d.putObject("annotations");
                r.annotations().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> a.put(e.getKey(), e.getValue()));
            }
            manifests.add(d);
        }
        client.putManifest(subject.repository(), fallbackTag(subject.sha256().orElseThrow()), MediaTypes.OCI_INDEX,
                RegistryJson.bytes(index));
    }

    /** The well-formed entries of a referrers index, as {@link #read}, refusing a document that is not an index at all. */
    static List<Referrer> parse(byte[] indexJson, String what) {
        return read(indexJson, what).referrers();
    }

    /**
     * Reads a referrers index: the document itself must be an index (else the registry's answer is
     * refused); of its entries, the first {@link #MAX_REFERRERS} are read, each malformed or repeated
     * one skipped with why.
     */
    static Found read(byte[] indexJson, String what) {
        JsonNode index = RegistryJson.object(indexJson, what);
        JsonNode manifests = index.get("manifests");
        if (manifests == null || !manifests.isArray()) {
            throw new RegistryException(what + ": 'manifests' is missing or not an array");
        }
        List<Referrer> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < manifests.size(); i++) {
            String where = what + " manifests[" + i + "]";
            if (i >= MAX_REFERRERS) {
                skipped.add(what + ": " + (manifests.size() - MAX_REFERRERS) + " entries after the first " + MAX_REFERRERS + " not read");
                break;
            }
            JsonNode d = manifests.get(i);
            try {
                if (!d.isObject()) {
                    throw new RegistryException(where + " is not an object");
                }
                JsonNode type = d.get("artifactType");
                if (type != null && !type.isTextual()) {
                    throw new RegistryException(where + ".artifactType is not a string");
                }
                Referrer r = new Referrer(RegistryJson.sha256(d, where), RegistryJson.text(d, "mediaType", where),
                        RegistryJson.size(d, where), type == null ? "" : type.asText(), RegistryJson.annotations(d, where));
                if (seen.add(r.sha256())) {
                    out.add(r);
                }
            } catch (RegistryException e) {
                skipped.add(e.getMessage());
            }
        }
        return new Found(out, skipped);
    }
}
