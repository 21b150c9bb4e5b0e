package dev.hermeticbuild.build;

import dev.hermeticbuild.artifacts.Artifact;
import dev.hermeticbuild.cache.CacheUsage;
import dev.hermeticbuild.cache.MavenRepositoryMaterializer;
import dev.hermeticbuild.sbom.CycloneDxSbom;
import dev.hermeticbuild.provenance.SlsaProvenance;
import dev.hermeticbuild.provenance.Statement;
import dev.hermeticbuild.provenance.Toolchain;
import dev.hermeticbuild.sandbox.EgressReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How a build ended. A failed or timed-out build has no statement and no provenance file:
 * nothing that could be signed claims it succeeded; its {@code buildLog} is kept in {@code OUT.failed/}.
 *
 * @param bundles the Sigstore bundles of the provenance and SBOM, when the build was signed
 * @param toolchains the toolchains the build was given (JAVA_HOME, java/node/go on PATH), as the runner read them before it ran
 */
public record BuildResult(int exitCode, boolean timedOut, EgressReport egress, Path buildLog,
                          List<Artifact> artifacts, Optional<Statement<SlsaProvenance>> statement, Optional<Path> provenanceFile,
                          Optional<CacheUsage> cacheUsage, Optional<CycloneDxSbom.Completeness> sbom, List<Path> bundles,
                          List<Toolchain> toolchains) {

    public BuildResult {
        artifacts = List.copyOf(artifacts);
        bundles = List.copyOf(bundles);
        toolchains = List.copyOf(toolchains);
    }

    /** An unsigned build's result. */
    public BuildResult(int exitCode, boolean timedOut, EgressReport egress, Path buildLog, List<Artifact> artifacts,
                       Optional<Statement<SlsaProvenance>> statement, Optional<Path> provenanceFile, Optional<CacheUsage> cacheUsage,
                       Optional<CycloneDxSbom.Completeness> sbom) {
        this(exitCode, timedOut, egress, buildLog, artifacts, statement, provenanceFile, cacheUsage, sbom, List.of(), List.of());
    }

    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }

    /** For a failed build whose log shows a network failure, what to do instead ({@link NetworkFailureHint}). */
    public Optional<String> networkHint() {
        return succeeded() || timedOut() ? Optional.empty() : NetworkFailureHint.forLog(buildLog);
    }
}
