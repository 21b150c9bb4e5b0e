package dev.hermeticbuild.cli;

import dev.hermeticbuild.CountText;
import dev.hermeticbuild.Printable;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.artifacts.Artifact;
import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.artifacts.WorkspaceCopy;
import dev.hermeticbuild.build.BuildRequest;
import dev.hermeticbuild.build.BuildResult;
import dev.hermeticbuild.build.HermeticBuild;
import dev.hermeticbuild.build.SigningKey;
import dev.hermeticbuild.build.Tier;
import dev.hermeticbuild.provenance.ProvenanceJson;
import dev.hermeticbuild.provenance.ResourceDescriptor;
import dev.hermeticbuild.sandbox.EgressReport;
import dev.hermeticbuild.sandbox.SandboxMode;
import dev.hermeticbuild.sandbox.SeccompFilter;
import dev.hermeticbuild.sign.BundleSigner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hermetic build}: runs an untrusted build command in the sandbox and writes its provenance. */
@Command(name = "build", description = "Run a build command isolated and write SLSA provenance for its outputs.")
final class BuildCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    BuildOptions options;

    @picocli.CommandLine.Mixin
    JsonOption json;

    @picocli.CommandLine.Mixin
    BuildSigningOptions signing;

    @Option(names = "--store", paramLabel = "JDBC-URL", description = "Also record the build in this provenance store.")
    String store;

    @picocli.CommandLine.Mixin
    StoreKeyOptions storeKey;

    @Option(names = "--outputs-to-workspace", description = "After a successful build, also copy each collected output (an assembled"
            + " image's layout too) into the workspace at its name, replacing what is there, never through a symbolic link: a"
            + " release build runs in a fresh export, so its outputs are otherwise only in OUT. CI steps that sign workspace"
            + " files after the build use it.")
    boolean outputsToWorkspace;

    @Override
    public Integer call() {
        BuildRequest request = options.request(spec);
        Path outDir = request.outDir();
        PrintWriter err = spec.commandLine().getErr();
        Optional<SigningKey> key = signing.key();
        Optional<dev.hermeticbuild.sign.Signer> storeSigner = storeKey.signerOutside(request.workspace().toAbsolutePath().normalize());
        BuildResult result = HermeticBuild.run(request, options.quiet.console(json.enabled ? System.err : System.out), System.getenv(), key,
                PhaseLines.to(err, options.quiet.enabled));
        Optional<BundleSigner> signer = key.flatMap(SigningKey::opened);
        if (result.succeeded() && outputsToWorkspace) {
            WorkspaceCopy.copy(outDir, result.artifacts().stream().map(Artifact::path).toList(), request.workspace());
        }
        List<Path> bundles = result.bundles();
        if (json.enabled) {
            ObjectNode node = toJson(result);
            var signed = node.putArray("bundles");
            bundles.forEach(b -> signed.add(b.toString()));
            json.result(node);
        }
        if (!result.succeeded()) {
            String why = "build command failed: " + (result.timedOut()
                    ? "timed out after " + dev.hermeticbuild.DurationText.of(request.timeout()) + "; the whole process tree was killed"
                    : "exit code " + result.exitCode()) + "; no provenance written, " + outDir + " left as it was; log: " + Printable.escape(result.buildLog());
            err.println("hermetic: " + why);
            result.networkHint().ifPresent(hint -> err.println("hermetic: hint: " + hint));
            json.error(ExitCodes.code(ExitCodes.BUILD_FAILED), why + result.networkHint().map(hint -> "; hint: " + hint).orElse(""));
            return ExitCodes.BUILD_FAILED;
        }
        if (store != null) {
            StoreRecording.afterBuild(store, storeSigner, outDir, result.provenanceFile().orElseThrow(), signer, err);
        }
        if (!json.enabled) {
            PrintWriter o = spec.commandLine().getOut();
            o.println();
            Fields fields = new Fields().add("isolation", describe(result.egress()));
            // what the provenance names: an image is its manifest digest, not the files of its layout
            for (ResourceDescriptor subject : result.statement().orElseThrow().subject()) {
                fields.add("output", Printable.escape(subject.name()) + "  sha256:" + subject.digest().get("sha256"));
            }
            result.cacheUsage().ifPresent(u -> fields.add("cache", CountText.of(u.hits(), "hit") + ", " + CountText.of(u.misses(), "miss")));
            result.sbom().ifPresent(c -> fields.add("sbom", c.summary()));
            fields.add("provenance", Printable.escape(result.provenanceFile().orElseThrow()));
            for (Path bundle : bundles) {
                fields.add("signed", Printable.escape(bundle) + " (" + signer.orElseThrow().identity() + ")");
            }
            fields.print(o);
            result.sbom().ifPresent(c -> SbomCommand.warn(c, err));
        }
        return ExitCodes.OK;
    }

    static String describe(EgressReport egress) {
        String seccomp = egress.confinement().filter().map(f -> ", seccomp " + SeccompFilter.NAME).orElse("");
        return egress.mechanism() + seccomp + ", " + (egress.egressBlocked()
                ? "egress blocked (" + CountText.of(egress.attempts().size(), "probe") + ", none reached)"
                : "EGRESS OPEN: reached " + egress.reached().size() + " of " + egress.attempts().size() + " probe targets (not hermetic)");
    }

    private static ObjectNode toJson(BuildResult result) {
        ObjectNode node = ProvenanceJson.mapper().createObjectNode();
        node.put("succeeded", result.succeeded());
        node.put("exitCode", result.exitCode());
        node.put("timedOut", result.timedOut());
        node.put("sandbox", result.egress().mechanism());
        node.put("seccomp", result.egress().confinement().filter().map(f -> SeccompFilter.NAME).orElse("none"));
        node.put("egressBlocked", result.egress().egressBlocked());
        node.put("buildLog", result.buildLog().toString());
        result.provenanceFile().ifPresent(p -> node.put("provenance", p.toString()));
        result.cacheUsage().ifPresent(u -> node.putObject("cache").put("hits", u.hits()).put("misses", u.misses()));
        result.sbom().ifPresent(c -> node.putObject("sbom").put("components", c.components()).put("withPurl", c.withPurl())
                .put("withHashes", c.withHashes()).put("withLicenses", c.withLicenses()));
        var subjects = node.putArray("subjects");
        result.statement().ifPresent(st -> st.subject().forEach(d -> subjects.addObject().put("name", d.name())
                .put("sha256", d.digest().get("sha256"))));
        var outputs = node.putArray("outputs");
        for (Artifact a : result.artifacts()) {
            outputs.addObject().put("path", a.path()).put("size", a.size()).put("sha256", a.sha256());
        }
        return node;
    }
}
