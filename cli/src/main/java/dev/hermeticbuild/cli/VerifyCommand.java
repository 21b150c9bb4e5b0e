package dev.hermeticbuild.cli;

import dev.hermeticbuild.Printable;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.image.registry.ImageRef;
import dev.hermeticbuild.image.registry.ImageVerification;
import dev.hermeticbuild.image.registry.RegistryImageVerifier;
import dev.hermeticbuild.verify.BundleVerifier;
import dev.hermeticbuild.verify.KeylessTrust;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.RevocationList;
import dev.hermeticbuild.verify.VerificationException;
import dev.hermeticbuild.verify.VerificationResult;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hermetic verify}: check a bundle's signature against trusted keys and the statement
 * against a policy. Exit 0 verified, 1 rejected (every reason printed), 2 input error.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a Sigstore bundle: signature by a trusted key, artifact digest, policy. With --image, verify an"
                + " image from its registry by digest: its attached bundles, the manifest digest standing for the artifact's.")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--pub", paramLabel = "KEY.pub|DIR",
            description = "Trusted public key, or a directory of *.pub keys (rotation).")
    Path pub;

    @Option(names = "--bundle", paramLabel = "BUNDLE", description = "Sigstore bundle to verify (or --image).")
    Path bundle;

    @Option(names = "--image", paramLabel = "REG/REPO@sha256:HEX",
            description = "Verify this image, pinned by digest, from its registry: it passes when one attached bundle passes.")
    String image;

    @picocli.CommandLine.Mixin
    RegistryAccessOptions registry;

    @Option(names = "--artifact", paramLabel = "FILE",
            description = "The artifact: its SHA-256 must be a subject's (required for message signatures). An OCI image layout"
                    + " directory stands for its image: its manifest (or index) digest.")
    Path artifact;

    @Option(names = "--allow-no-artifact",
            description = "Verify the signature and policy without the artifact (its digest is then not checked).")
    boolean allowNoArtifact;

    @Option(names = "--builder-id", paramLabel = "URI", description = "Allowed builder id (repeatable).")
    List<String> builderIds = List.of();

    @Option(names = "--source", paramLabel = "URI", description = "Required source repository URI (git+ prefix optional).")
    String source;

    @Option(names = "--commit", paramLabel = "SHA", description = "Required source commit.")
    String commit;

    @Option(names = "--require-hermetic", description = "Require tier release, a hermetic sandbox and blocked egress.")
    boolean requireHermetic;

    @Option(names = "--max-age", paramLabel = "DURATION",
            description = "Refuse statements finished longer ago: 90m, 36h, 30d or ISO-8601 (PT36H).")
    String maxAge;

    @Option(names = "--revoked", paramLabel = "FILE", description = "Revoked key ids, one per line, optional '# reason'.")
    Path revoked;

    @picocli.CommandLine.Mixin
    JsonOption json;

    @Option(names = "--trusted-root", paramLabel = "FILE",
            description = "Sigstore trusted_root.json: accept keyless bundles that chain to it (offline).")
    Path trustedRoot;

    @Option(names = "--certificate-identity", paramLabel = "SAN", description = "Required keyless signer identity.")
    String certificateIdentity;

    @Option(names = "--certificate-oidc-issuer", paramLabel = "URL", description = "Required keyless OIDC issuer.")
    String certificateIssuer;

    @Option(names = "--store", paramLabel = "JDBC-URL",
            description = "Also record this check, passed or refused, in this provenance store (the deploy-time verification SLI); with --artifact or --image.")
    String store;

    @picocli.CommandLine.Mixin
    StoreKeyOptions storeKey;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if ((bundle == null) == (image == null)) {
            throw new InputException("give either --bundle BUNDLE (a file's bundle) or --image REG/REPO@sha256:HEX (an image"
                    + " in a registry)");
        }
        if (store != null && artifact == null && image == null) {
            throw new InputException("--store records the check of an artifact: give --artifact FILE (or check an --image)");
        }
        if (image != null) {
            if (artifact != null || allowNoArtifact) {
                throw new InputException("--image is its own subject (the manifest digest): drop --artifact / --allow-no-artifact");
            }
            if (trustedRoot != null || certificateIdentity != null || certificateIssuer != null) {
                throw new InputException("--image verifies key-signed bundles (--pub): a keyless bundle cannot be checked against an"
                        + " image digest yet, so --trusted-root and --certificate-* would refuse every bundle; drop them");
            }
            ImageRef ref = ImageRef.parse(image, "--image").requirePinned("--image");
            ImageVerification v = new RegistryImageVerifier(registry.options(ref.registry(), System.getenv())).verify(ref, policy());
            if (store != null) {
                StoreRecording.afterVerification(store, storeKey.signer(), ref.repository(), ref.sha256().orElseThrow(), ref.toString(),
                        v.ok(), v.ok() ? List.of() : v.rejected().stream().flatMap(r -> r.failures().stream())
                                .map(f -> f.code().id()).distinct().toList(), spec.commandLine().getErr());
            }
            return new ImageVerifyOutput(spec, json).print(v);
        }
        if (registry.given()) {
            throw new InputException("--registry-ca and --plain-http are for --image");
        }
        VerifyPolicy policy = policy();
        Optional<ImageLayoutArtifact> checked = Optional.ofNullable(artifact).map(a -> ImageLayoutArtifact.of(a, "--artifact"));
        try {
            VerificationResult r = new BundleVerifier(policy).verify(bundle, checked.map(ImageLayoutArtifact::file));
            record(checked, true, List.of());
            if (json.enabled) {
                ObjectNode result = success(r);
                checked.ifPresent(c -> result.put("image", c.image()));
                json.result(result);
            } else {
                out.println("verified " + bundle + ": " + r.kind() + " signed by key " + r.keyId());
                boolean image = checked.map(ImageLayoutArtifact::image).orElse(false);
                r.artifactSha256().ifPresent(d -> out.println((image ? "image " : "artifact ") + artifact + (image ? " manifest" : "")
                        + " sha256 " + d + (r.matchedSubjects().isEmpty() ? "" : " = subject " + String.join(", ", r.matchedSubjects()))));
                if (artifact == null) {
                    out.println("note: --allow-no-artifact: the subjects were not checked against an artifact");
                }
                out.println("checks passed: " + String.join(", ", r.checks()));
            }
            return ExitCodes.OK;
        } catch (VerificationException e) {
            record(checked, false, e.failures().stream().map(f -> f.code().id()).distinct().toList());
            if (json.enabled) {
                ObjectNode n = Json.object();
                n.put("verified", false);
                n.put("bundle", bundle.toString());
                e.reasons().forEach(n.putArray("reasons")::add);
                var failures = n.putArray("failures");
                e.failures().forEach(f -> {
                    ObjectNode one = failures.addObject();
                    one.put("code", f.code().id());
                    one.put("message", f.message());
                    if (!f.detail().isEmpty()) {
                        one.put("detail", f.detail());
                    }
                    json.error(f.code().id(), f.explained());
                });
                json.result(n);
            } else {
                PrintWriter err = spec.commandLine().getErr();
                err.println("hermetic: verification of " + bundle + " failed:");
                e.failures().forEach(f -> {
                    err.println("  - " + Printable.escape(f.message()));
                    if (!f.detail().isEmpty()) {
                        err.println("    " + Printable.escape(f.detail()));
                    }
                });
                err.flush();
            }
            return e.exitCode();
        }
    }

    /** With {@code --store}: one verification record of this check (every check counts, a repeated one too). */
    private void record(Optional<ImageLayoutArtifact> checked, boolean passed, List<String> reasons) {
        if (store != null) {
            StoreRecording.afterVerification(store, storeKey.signer(), artifact.getFileName().toString(),
                    dev.hermeticbuild.digest.Sha256.ofFile(checked.orElseThrow().file()), artifact.toString(), passed, reasons,
                    spec.commandLine().getErr());
        }
    }

    private VerifyPolicy policy() {
        if (pub == null && trustedRoot == null) {
            throw new InputException("give the trusted keys (--pub KEY.pub|DIR) or a keyless trusted root (--trusted-root)");
        }
        if (trustedRoot == null && (certificateIdentity != null || certificateIssuer != null)) {
            throw new InputException("--certificate-identity and --certificate-oidc-issuer need --trusted-root");
        }
        Keyring keys = pub == null ? Keyring.none() : Keyring.load(pub);
        Optional<KeylessTrust> keyless = Optional.ofNullable(trustedRoot)
                .map(root -> new KeylessTrust(root, certificateIdentity, certificateIssuer));
        if (artifact != null && allowNoArtifact) {
            throw new InputException("--allow-no-artifact and --artifact contradict each other: drop one");
        }
        RevocationList revocations = revoked == null ? RevocationList.none() : RevocationList.load(revoked);
        if (commit != null && !commit.matches("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}")) {
            throw new InputException("--commit " + commit + ": not a full 40- or 64-digit hex commit id");
        }
        return VerifyPolicy.builder()
                .keyring(keys).keyless(keyless).revoked(revocations)
                .artifactRequired(image == null && !allowNoArtifact)
                .builderIds(Set.copyOf(builderIds))
                .sourceUri(Optional.ofNullable(source))
                .sourceCommit(Optional.ofNullable(commit))
                .requireHermetic(requireHermetic)
                .maxAge(Optional.ofNullable(maxAge).map(age -> Durations.parse("--max-age", age)))
                .build();
    }

    static ObjectNode success(VerificationResult r) {
        ObjectNode n = Json.object();
        n.put("verified", true);
        n.put("kind", r.kind());
        n.put("keyId", r.keyId());
        r.artifactSha256().ifPresent(d -> n.put("artifactSha256", d));
        r.matchedSubjects().forEach(n.putArray("matchedSubjects")::add);
        r.predicateType().ifPresent(t -> n.put("predicateType", t));
        r.checks().forEach(n.putArray("checks")::add);
        return n;
    }
}
