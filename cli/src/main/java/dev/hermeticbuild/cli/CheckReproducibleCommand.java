package dev.hermeticbuild.cli;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.build.BuildRequest;
import dev.hermeticbuild.rebuild.ReproducibilityCheck;
import dev.hermeticbuild.rebuild.ReproducibilityReport;
import dev.hermeticbuild.rebuild.ReproducibilityStatement;
import dev.hermeticbuild.rebuild.Variation;
import dev.hermeticbuild.sign.Attestor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hermetic check-reproducible}: two builds, the second varied, every output compared and explained. */
@Command(name = "check-reproducible", description = "Build twice in fresh sandboxes (the second with variations), compare every output, explain differences.")
final class CheckReproducibleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BuildOptions options;

    @Option(names = "--vary", paramLabel = "LIST", description = "all (default), or some of time,timezone,locale,umask,build-path,hostname,file-order,cpus.")
    String vary = "all";

    @Option(names = "--normalize", description = "Normalize archive outputs of both builds (hermetic normalize) before comparing.")
    boolean normalize;

    @Option(names = "--sign-key", paramLabel = "KEY", description = "Sign the reproducibility result (OUT/reproducibility.sigstore.json).")
    String signKey;

    @Mixin
    PassphraseOptions passphrase;

    @Option(names = "--store", paramLabel = "JDBC-URL", description = "Record the outcome (one rebuild record per output) in this provenance store.")
    String store;

    @Parameters(paramLabel = "COMMAND", description = "The build command and its arguments, after --.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        BuildRequest request = options.request(spec, command);
        var signer = signKey == null ? null : dev.hermeticbuild.sign.Signers.open(signKey, passphrase.source());
        ReproducibilityReport report = ReproducibilityCheck.run(request, Variation.parse(vary), normalize,
                options.json ? System.err : System.out, System.getenv());
        Path out = request.outDir().toAbsolutePath().normalize();
        Path firstProvenance = out.resolve("first").resolve(dev.hermeticbuild.build.HermeticBuild.PROVENANCE_FILE);
        var context = new ReproducibilityStatement.Context("first/" + dev.hermeticbuild.build.HermeticBuild.PROVENANCE_FILE,
                Files.isRegularFile(firstProvenance) ? java.util.Optional.of(dev.hermeticbuild.artifacts.Sha256.ofFile(firstProvenance))
                        : java.util.Optional.empty(), request.builderId(), java.time.Instant.now());
        byte[] statement = ReproducibilityStatement.of(report, "check-reproducible " + String.join(" ", command), context);
        try {
            Files.write(out.resolve("reproducibility.json"), statement);
            if (signer != null) {
                Files.write(out.resolve("reproducibility.sigstore.json"), Attestor.attest(statement, "reproducibility result", signer));
            }
        } catch (IOException e) {
            throw new InputException("cannot write to " + out + ": " + e.getMessage(), e);
        }
        if (store != null) {
            StoreRecording.afterReproducibility(store, report, spec.commandLine().getErr());
        }
        PrintWriter o = spec.commandLine().getOut();
        if (options.json) {
            o.println(new String(statement, java.nio.charset.StandardCharsets.UTF_8));
        } else {
            print(report, out, o);
        }
        return switch (report.status()) {
            case REPRODUCIBLE -> ExitCodes.OK;
            case NOT_REPRODUCIBLE -> ExitCodes.CHECK_FAILED;
            case BUILD_FAILED -> ExitCodes.BUILD_FAILED;
        };
    }

    static void print(ReproducibilityReport report, Path out, PrintWriter o) {
        o.println();
        for (var v : report.variations()) {
            o.println((v.applied() ? "varied:      " : "NOT APPLIED: ") + v.variation().cliName() + ": " + v.detail());
        }
        if (report.status() == ReproducibilityReport.Status.BUILD_FAILED) {
            o.println("rebuild FAILED: " + report.failure());
            return;
        }
        for (var s : report.subjects()) {
            o.println((s.reproducible() ? "same:        " : "DIFFERS:     ") + s.path() + "  " + s.firstSha256()
                    + (s.reproducible() ? "" : " vs " + s.secondSha256())
                    + (report.normalized() && !s.bitForBit() ? "  (normalized; as built " + s.rawFirstSha256() + " vs " + s.rawSecondSha256() + ")" : ""));
            s.explanation().forEach(line -> o.println("    " + line));
        }
        if (!report.culpritSearch().isEmpty()) {
            o.println("cause:       " + report.culpritSearch());
        }
        report.diffoscopeReports().forEach(r -> o.println("diffoscope:  " + r));
        o.println((report.status() == ReproducibilityReport.Status.REPRODUCIBLE ? "reproducible" : "NOT reproducible")
                + "; result: " + out.resolve("reproducibility.json"));
    }
}
