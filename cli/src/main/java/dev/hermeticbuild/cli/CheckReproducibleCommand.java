package dev.hermeticbuild.cli;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.build.BuildRequest;
import dev.hermeticbuild.build.SigningKey;
import dev.hermeticbuild.rebuild.ReproducibilityCheck;
import dev.hermeticbuild.rebuild.ReproducibilityReport;
import dev.hermeticbuild.rebuild.Variation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hermetic check-reproducible}: two builds, the second varied, every output compared and explained. */
@Command(name = "check-reproducible", description = "Build twice in fresh sandboxes (the second with variations), compare every output, explain differences.")
final class CheckReproducibleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BuildOptions options;

    @Mixin
    JsonOption json;

    @Option(names = "--vary", paramLabel = "LIST", description = "all (default), or some of time,timezone,locale,umask,build-path,hostname,file-order,cpus.")
    String vary = "all";

    @Option(names = "--normalize", description = "Normalize archive outputs of both builds (hermetic normalize) before comparing.")
    boolean normalize;

    @Mixin
    BuildSigningOptions signing;

    @Option(names = "--store", paramLabel = "JDBC-URL", description = "Record the outcome (one rebuild record per output) in this provenance store.")
    String store;

    @Mixin
    StoreKeyOptions storeKey;

    @Override
    public Integer call() {
        BuildRequest request = options.request(spec);
        String invocation = "check-reproducible " + String.join(" ", options.command);
        var storeSigner = storeKey.signerOutside(request.workspace());
        ReproducibilityReport report = ReproducibilityCheck.run(request, Variation.parse(vary), normalize,
                options.quiet.console(json.enabled ? System.err : System.out), System.getenv(), invocation,
                signing.key(),
                PhaseLines.to(spec.commandLine().getErr(), options.quiet.enabled));
        Path out = request.outDir().toAbsolutePath().normalize();
        byte[] statement = readResult(out);
        if (store != null) {
            StoreRecording.afterReproducibility(store, storeSigner, report, spec.commandLine().getErr());
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json.enabled) {
            json.result(statementJson(statement));
        } else {
            print(report, out, o);
        }
        return exitCode(report, json);
    }

    /** The published result statement as the {@code result} of {@code --json}. */
    static com.fasterxml.jackson.databind.node.ObjectNode statementJson(byte[] statement) {
        return (com.fasterxml.jackson.databind.node.ObjectNode) dev.hermeticbuild.bundle.StrictJson.parse(statement, "$");
    }

    /** The exit code of a reproducibility check, with its reason for {@code --json} when it is not 0. */
    static int exitCode(ReproducibilityReport report, JsonOption json) {
        switch (report.status()) {
            case REPRODUCIBLE:
                return ExitCodes.OK;
            case NOT_REPRODUCIBLE:
                report.subjects().stream().filter(s -> !s.reproducible()).forEach(s -> json.error(ErrorCodes.NOT_REPRODUCIBLE,
                        s.path() + " differs: sha256 " + s.firstSha256() + " vs " + s.secondSha256()));
                return ExitCodes.CHECK_FAILED;
            default:
                json.error(ExitCodes.code(ExitCodes.BUILD_FAILED), report.failure());
                return ExitCodes.BUILD_FAILED;
        }
    }

    /** The result exactly as published in OUT (what a store or a signature covers). */
    static byte[] readResult(Path out) {
        try {
            return Files.readAllBytes(out.resolve(ReproducibilityCheck.RESULT_FILE));
        } catch (IOException e) {
            throw new InputException("cannot read the published result in " + out + ": " + e.getMessage(), e);
        }
    }

    static void print(ReproducibilityReport report, Path out, PrintWriter o) {
        o.println();
        for (var v : report.variations()) {
            o.println((v.applied() ? "varied:      " : "NOT APPLIED: ") + v.variation().cliName() + ": " + v.detail());
        }
        if (report.status() == ReproducibilityReport.Status.BUILD_FAILED) {
            o.println("rebuild FAILED: " + Printable.escape(report.failure()));
            return;
        }
        for (var s : report.subjects()) {
            o.println((s.reproducible() ? "same:        " : "DIFFERS:     ") + Printable.escape(s.path()) + "  " + s.firstSha256()
                    + (s.reproducible() ? "" : " vs " + s.secondSha256())
                    + (report.normalized() && !s.bitForBit() ? "  (normalized; as built " + s.rawFirstSha256() + " vs " + s.rawSecondSha256() + ")" : ""));
            s.explanation().forEach(line -> o.println("    " + Printable.escape(line)));
        }
        if (!report.culpritSearch().isEmpty()) {
            o.println("cause:       " + report.culpritSearch());
        }
        report.diffoscopeReports().forEach(r -> o.println("diffoscope:  " + Printable.escape(r)));
        o.println((report.status() == ReproducibilityReport.Status.REPRODUCIBLE ? "reproducible" : "NOT reproducible")
                + "; result: " + out.resolve(ReproducibilityCheck.RESULT_FILE));
    }
}
