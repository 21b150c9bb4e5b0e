package dev.hermeticbuild.cli;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.artifacts.StagedOutDir;
import dev.hermeticbuild.build.BuildRequest;
import dev.hermeticbuild.bundle.DsseEnvelope;
import dev.hermeticbuild.bundle.SigstoreBundle;
import dev.hermeticbuild.rebuild.Rebuilder;
import dev.hermeticbuild.rebuild.RecordedBuild;
import dev.hermeticbuild.rebuild.ReproducibilityCheck;
import dev.hermeticbuild.rebuild.ReproducibilityReport;
import dev.hermeticbuild.rebuild.ReproducibilityStatement;
import dev.hermeticbuild.rebuild.Variation;
import dev.hermeticbuild.verify.BundleVerifier;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hermetic rebuild}: rebuild what a provenance records, from its commit, and compare every subject. */
@Command(name = "rebuild", description = "Rebuild from a provenance (commit, command, outputs taken from it) in a fresh sandbox and compare digests.")
final class RebuildCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--provenance", required = true, paramLabel = "FILE", description = "A signed provenance bundle (or, with --allow-unverified, a bare statement).")
    Path provenance;

    @Option(names = "-C", paramLabel = "DIR", description = "A git checkout that contains the recorded commit (default: current directory).")
    Path checkout = Path.of(".");

    @Option(names = "--pub", paramLabel = "KEY|DIR", description = "Trusted public key(s) the provenance must be signed by.")
    Path pub;

    @Option(names = "--allow-unverified", description = "Rebuild from a provenance whose signature is not checked (said so in the result).")
    boolean allowUnverified;

    @Option(names = "--lock", paramLabel = "FILE", description = "The Maven lock the recorded build read from outside its source"
            + " tree (required then; its sha256 must be the recorded one).")
    Path lock;

    @Option(names = "--cache", paramLabel = "DIR", description = "Dependency cache holding the locked inputs.")
    Path cache;

    @Option(names = "--artifacts", paramLabel = "DIR", description = "The original outputs (e.g. the original build's OUT), to explain differences.")
    Path artifacts;

    @Option(names = "--vary", paramLabel = "LIST", description = "Variations for the rebuild (default: none): all, or time,timezone,locale,umask,build-path,hostname,file-order,cpus.")
    String vary;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the rebuild writes (default: ./hermetic-rebuild).")
    Path out = Path.of("hermetic-rebuild");

    @Mixin
    BuildSigningOptions signing;

    @Option(names = "--store", paramLabel = "JDBC-URL", description = "Record the outcome (one rebuild record per output) in this provenance store.")
    String store;

    @Mixin
    StoreKeyOptions storeKey;

    @Option(names = "--sandbox", paramLabel = "MODE", defaultValue = "auto",
            description = "The rebuilder's sandbox: auto, namespace, bubblewrap or unshare (never taken from the provenance; none is refused).")
    String sandbox;

    @Option(names = "--allow-env", paramLabel = "NAME",
            description = "Let this host variable through when the provenance names it in passedEnvironment (repeatable).")
    java.util.List<String> allowEnv = java.util.List.of();

    @Option(names = "--toolchain", paramLabel = "KIND=PATH",
            description = "Offer this installation for a recorded toolchain (jdk, node, go) that is elsewhere here; used only if its digest is the recorded one. Repeatable.")
    java.util.List<String> toolchains = java.util.List.of();

    @Option(names = "--image-base-layout", paramLabel = "DIR", description = "For a build that assembled an image: an OCI layout"
            + " holding its recorded base digest, when the recorded layout path is not on this machine.")
    Path imageBaseLayout;

    @Mixin
    JsonOption json;

    @Mixin
    QuietOption quiet;

    @Override
    public Integer call() {
        byte[] statement = verifiedStatement();
        var signer = signing.key().map(k -> k.openFor(checkout, allowEnv));
        var storeSigner = storeKey.signerOutside(checkout);
        RecordedBuild recorded = RecordedBuild.parse(statement);
        if (imageBaseLayout != null) {
            recorded = recorded.withImageBaseLayout(imageBaseLayout);
        }
        recorded.requireImageBase();
        String invocation = "rebuild of " + recorded.commit() + (allowUnverified ? " (provenance not verified)" : "");
        var context = new ReproducibilityStatement.Context(provenance.toString(),
                Optional.of(dev.hermeticbuild.digest.Sha256.ofFile(provenance)), BuildRequest.DEFAULT_BUILDER_ID, java.time.Instant.now());
        ReproducibilityReport report;
        try (StagedOutDir staged = StagedOutDir.open("--out", out, ReproducibilityCheck.RESULT_FILE)) {
            var request = new Rebuilder.Request(recorded, checkout, staged.staging(), Optional.ofNullable(cache),
                    Optional.ofNullable(artifacts), vary == null ? EnumSet.noneOf(Variation.class) : Variation.parse(vary),
                    BuildRequest.DEFAULT_BUILDER_ID, dev.hermeticbuild.sandbox.SandboxMode.parse(sandbox), java.util.Set.copyOf(allowEnv),
                    offeredToolchains(), Optional.ofNullable(lock));
            report = ReproducibilityCheck.publish(staged, Rebuilder.rebuild(request, quiet.console(json.enabled ? System.err : System.out), System.getenv()),
                    invocation, signer, context);
        }
        byte[] result = ReproducibilityStatement.of(report, invocation);
        Path dir = out.toAbsolutePath().normalize();
        if (store != null) {
            StoreRecording.afterReproducibility(store, storeSigner, report, spec.commandLine().getErr());
        }
        if (json.enabled) {
            json.result(CheckReproducibleCommand.statementJson(result));
        } else {
            CheckReproducibleCommand.print(report, dir, spec.commandLine().getOut());
        }
        return CheckReproducibleCommand.exitCode(report, json);
    }

    /** The {@code --toolchain KIND=PATH} values by kind; a malformed one is an input error naming it. */
    private java.util.Map<String, java.util.List<Path>> offeredToolchains() {
        java.util.Map<String, java.util.List<Path>> byKind = new java.util.LinkedHashMap<>();
        for (String value : toolchains) {
            int eq = value.indexOf('=');
            String kind = eq > 0 ? value.substring(0, eq) : "";
            if (dev.hermeticbuild.source.ToolchainLocator.Kind.of(kind).isEmpty() || eq == value.length() - 1) {
                throw new InputException("--toolchain " + value + ": expected KIND=PATH with KIND one of jdk, node, go");
            }
            Path path = Path.of(value.substring(eq + 1)).toAbsolutePath().normalize();
            if (!Files.exists(path)) {
                throw new InputException("--toolchain " + value + ": " + path + " does not exist");
            }
            byKind.computeIfAbsent(kind, k -> new java.util.ArrayList<>()).add(path);
        }
        return byKind;
    }

    /** The statement inside a bundle whose signature verified, or a bare statement only when verification is waived. */
    private byte[] verifiedStatement() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(provenance);
        } catch (IOException e) {
            throw new InputException("--provenance " + provenance + ": cannot read (" + e.getMessage() + ")", e);
        }
        boolean bundle = new String(bytes, 0, Math.min(bytes.length, 4096), java.nio.charset.StandardCharsets.UTF_8).contains("\"mediaType\"");
        if (!bundle) {
            if (!allowUnverified) {
                throw new InputException("--provenance " + provenance + " is a bare statement, not a signed bundle: refused"
                        + " (sign it with hermetic attest, or pass --allow-unverified)");
            }
            return bytes;
        }
        if (!allowUnverified) {
            if (pub == null) {
                throw new InputException("--pub KEY is needed to verify the provenance bundle (or pass --allow-unverified)");
            }
            new BundleVerifier(VerifyPolicy.builder().keyring(Keyring.load(pub)).requireHermetic(false).artifactRequired(false).build()).verify(provenance, Optional.empty());
        }
        if (!(SigstoreBundle.parse(bytes).content() instanceof DsseEnvelope envelope)) {
            throw new InputException("--provenance " + provenance + " is a message signature, not an attestation");
        }
        return envelope.payload();
    }
}
