package dev.hermeticbuild.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.bundle.StrictJson;
import dev.hermeticbuild.image.MediaTypes;
import dev.hermeticbuild.verify.BundleVerifier;
import dev.hermeticbuild.verify.VerificationException;
import dev.hermeticbuild.verify.VerificationFailure;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies an image by digest from its registry: finds its Sigstore bundles among its referrers
 * and checks each as a file's bundle is checked ({@link BundleVerifier}), the image's manifest
 * digest standing for the file's digest. A registry that cannot be reached throws
 * {@link RegistryUnavailableException}; one whose answers about the image itself are refused,
 * {@link RegistryException}. Missing or failing attestations, and a referrer whose manifest or
 * bundle the registry does not serve as it should, are rejections in a result: one broken
 * referrer does not hide a good one.
 */
public final class RegistryImageVerifier {

    private static final Set<String> IMAGE_TYPES = Set.of(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
            MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LIST);

    /** Most bundles fetched and checked for one image, and most bytes: a flood of referrers costs a bounded amount of work. */
    static final int MAX_BUNDLES = 32;
    static final long MAX_BUNDLE_BYTES = 32L << 20;

    private final RegistryOptions options;

    public RegistryImageVerifier(RegistryOptions options) {
        this.options = options;
    }

    /** Verifies the image {@code pinned} (refused unless pinned by digest) against {@code policy}. */
    public ImageVerification verify(ImageRef pinned, VerifyPolicy policy) {
        pinned.requirePinned("image");
        RegistryClient client = new RegistryClient(pinned.registry(), options);
        String repo = pinned.repository();
        if (client.getManifest(repo, pinned.digest(), IMAGE_TYPES).isEmpty()) {
            throw new RegistryException("registry " + pinned.registry() + " has no image " + pinned);
        }
        Referrers.Found found = new Referrers(options).find(pinned);
        List<Referrer> bundles = found.referrers().stream()
                .filter(r -> Referrers.BUNDLE_ARTIFACT_TYPE.equals(r.artifactType())).toList();
        List<ImageVerification.Attestation> passed = new ArrayList<>();
        List<ImageVerification.Rejection> rejected = new ArrayList<>();
        for (String skipped : found.skipped()) {
            rejected.add(new ImageVerification.Rejection("referrers index", List.of(VerificationFailure.of(
                    VerificationFailure.Code.MALFORMED_BUNDLE, "skipped: " + skipped))));
        }
        if (bundles.isEmpty()) {
            rejected.add(new ImageVerification.Rejection("image " + pinned, List.of(VerificationFailure.of(
                    VerificationFailure.Code.NEEDS_ATTESTATION, "no Sigstore bundle is attached to the image"
                            + " (hermetic push --attach OUTDIR attaches a build's bundles)"))));
        }
        BundleVerifier verifier = new BundleVerifier(policy);
        byte[] subject = HexFormat.of().parseHex(pinned.sha256().orElseThrow());
        RegistryUnavailableException unavailable = null;
        int fetched = 0;
        long fetchedBytes = 0;
        for (Referrer referrer : bundles) {
            if (fetched >= MAX_BUNDLES || fetchedBytes >= MAX_BUNDLE_BYTES) {
                rejected.add(new ImageVerification.Rejection(referrer.title() + " (" + referrer.digest() + ")", List.of(
                        VerificationFailure.of(VerificationFailure.Code.NEEDS_ATTESTATION, "not checked: " + MAX_BUNDLES
                                + " bundles or " + (MAX_BUNDLE_BYTES >> 20) + " MiB were checked for this image already"))));
                continue;
            }
            List<Layer> layers;
            try {
                layers = bundleLayers(client, pinned, referrer);
            } catch (RegistryUnavailableException e) {
                unavailable = e;
                rejected.add(unreachable(referrer.title() + " (" + referrer.digest() + ")", e));
                continue;
            } catch (RegistryException e) {
                rejected.add(new ImageVerification.Rejection(referrer.title() + " (" + referrer.digest() + ")",
                        List.of(VerificationFailure.of(VerificationFailure.Code.MALFORMED_BUNDLE, e.getMessage()))));
                continue;
            }
            for (Layer layer : layers) {
                String what = layer.title + " (" + referrer.digest() + ")";
                if (layer.refusal != null) {
                    rejected.add(new ImageVerification.Rejection(what, List.of(layer.refusal)));
                    continue;
                }
                if (fetched >= MAX_BUNDLES || fetchedBytes >= MAX_BUNDLE_BYTES) {
                    rejected.add(new ImageVerification.Rejection(what, List.of(VerificationFailure.of(
                            VerificationFailure.Code.NEEDS_ATTESTATION, "not checked: over this image's work budget"))));
                    continue;
                }
                fetched++;
                fetchedBytes += layer.size;
                try {
                    byte[] bundle = client.getBlob(repo, layer.sha256, (int) StrictJson.MAX_FILE_BYTES);
                    passed.add(new ImageVerification.Attestation(referrer, layer.title, verifier.verifySubject(bundle, subject)));
                } catch (VerificationException e) {
                    rejected.add(new ImageVerification.Rejection(what, e.failures()));
                } catch (RegistryUnavailableException e) {
                    unavailable = e;
                    rejected.add(unreachable(what, e));
                } catch (RegistryException e) {
                    rejected.add(new ImageVerification.Rejection(what,
                            List.of(VerificationFailure.of(VerificationFailure.Code.MALFORMED_BUNDLE, e.getMessage()))));
                }
            }
        }
        if (passed.isEmpty() && unavailable != null) {
            // nothing verified and something could not be fetched: no verdict, the caller's failure policy decides
            throw unavailable;
        }
        return new ImageVerification(pinned, passed, rejected);
    }

    /** A referrer the registry could not serve just now: not counted, and not hiding the bundles that did verify. */
    private static ImageVerification.Rejection unreachable(String what, RegistryUnavailableException e) {
        return new ImageVerification.Rejection(what, List.of(VerificationFailure.of(VerificationFailure.Code.NEEDS_ATTESTATION,
                "not fetched (registry unavailable): " + e.getMessage())));
    }

    private record Layer(String title, String sha256, long size, VerificationFailure refusal) {
    }

    /** The bundle layers of one referrer manifest, which must name this image as its subject. */
    private static List<Layer> bundleLayers(RegistryClient client, ImageRef image, Referrer referrer) {
        String where = "referrer " + referrer.digest() + " of " + image;
        RegistryClient.Fetched fetched = client.getManifest(image.repository(), referrer.digest(), Set.of(MediaTypes.OCI_MANIFEST))
                .orElseThrow(() -> new RegistryException(where + " is listed but the registry does not have it"));
        JsonNode manifest = RegistryJson.object(fetched.bytes(), where);
        JsonNode subject = manifest.get("subject");
        if (subject == null || !subject.isObject() || !RegistryJson.sha256(subject, where + " subject").equals(image.sha256().orElseThrow())) {
            return List.of(new Layer(referrer.title(), "", 0, VerificationFailure.of(VerificationFailure.Code.SUBJECT_MISMATCH,
                    "the referrer does not name this image as its subject")));
        }
        JsonNode layers = manifest.get("layers");
        if (layers == null || !layers.isArray()) {
            throw new RegistryException(where + ": 'layers' is missing or not an array");
        }
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            JsonNode d = layers.get(i);
            String at = where + " layers[" + i + "]";
            if (!d.isObject() || !Referrers.BUNDLE_ARTIFACT_TYPE.equals(RegistryJson.text(d, "mediaType", at))) {
                continue;
            }
            String sha = RegistryJson.sha256(d, at);
            Map<String, String> annotations = RegistryJson.annotations(d, at);
            String title = annotations.getOrDefault(Referrers.TITLE, "sha256:" + sha);
            if (RegistryJson.size(d, at) > StrictJson.MAX_FILE_BYTES) {
                out.add(new Layer(title, sha, 0, VerificationFailure.of(VerificationFailure.Code.MALFORMED_BUNDLE,
                        "bundle of " + RegistryJson.size(d, at) + " bytes is over the limit of " + StrictJson.MAX_FILE_BYTES)));
            } else {
                out.add(new Layer(title, sha, RegistryJson.size(d, at), null));
            }
        }
        if (out.isEmpty()) {
            out.add(new Layer(referrer.title(), "", 0, VerificationFailure.of(VerificationFailure.Code.MALFORMED_BUNDLE,
                    "the referrer holds no Sigstore bundle layer")));
        }
        return out;
    }
}
