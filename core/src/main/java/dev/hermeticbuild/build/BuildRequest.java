package dev.hermeticbuild.build;

import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.sandbox.BuildUser;
import dev.hermeticbuild.sandbox.Confinement;
import dev.hermeticbuild.sandbox.ResourceLimits;
import dev.hermeticbuild.sandbox.SandboxMode;
import dev.hermeticbuild.source.SourceUri;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything a user asks of one build: the external parameters of its provenance.
 *
 * @param workspace the directory the command runs in (and the only one it may write)
 * @param outDir where provenance, the build log and copies of the outputs go
 * @param outputs globs naming the build's outputs, relative to the workspace
 * @param command the untrusted build command
 * @param sandbox the requested isolation
 * @param tier dev or release
 * @param builderId the builder identity written into provenance
 * @param passEnv names of host variables passed into the sandbox
 * @param timeout after which the whole process tree is killed
 * @param imageDigest the agent image digest, when the runner runs in one (HERMETIC_IMAGE_DIGEST)
 * @param cache the content-addressed dependency cache the build's locked inputs come from
 * @param variation deliberate environment differences (reproducibility checks); {@link BuildVariation#NONE} normally
 * @param allowNetworkPolicyOnly explicit opt-in, for pods where namespaces cannot be created: run without
 *     the sandbox, the pod's NetworkPolicy being the only egress barrier; recorded in provenance, never hermetic
 * @param buildUser the unprivileged host uid:gid the build runs as when the runner is root
 * @param limits the resource limits of the build ({@link ResourceLimits#DEFAULTS} unless set)
 * @param canonicalSource the repository the caller says the checkout stands for (the SCM URL a
 *     Jenkins job names when it clones from a mirror), normalised and free of credentials; empty
 *     when the caller states none, and then the fetched remote is the source of record
 * @param lock the Maven lock outside the source tree ({@code --lock FILE}); empty for the tree's own
 *     {@code hermetic.lock} or, failing that, {@code DIR.hermetic.lock} beside the workspace
 */
public record BuildRequest(Path workspace, Path outDir, List<OutputGlob> outputs, List<String> command,
                           SandboxMode sandbox, Tier tier, String builderId, List<String> passEnv,
                           Duration timeout, Optional<String> imageDigest, Optional<Path> cache, BuildVariation variation,
                           boolean allowNetworkPolicyOnly, BuildUser buildUser, ResourceLimits limits,
                           Optional<String> canonicalSource, Optional<Path> lock) {

    public static final String DEFAULT_BUILDER_ID = "https://hermetic-build.dev/builder/cli/v1";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(2);

    public BuildRequest {
        outputs = List.copyOf(outputs);
        command = List.copyOf(command);
        passEnv = List.copyOf(passEnv);
        java.util.Objects.requireNonNull(buildUser, "buildUser");
        java.util.Objects.requireNonNull(limits, "limits");
        canonicalSource = canonicalSource.map(SourceUri::canonical);
        java.util.Objects.requireNonNull(lock, "lock");
    }

    /** A request reading the default lock (the tree's own, else the one beside the workspace). */
    public BuildRequest(Path workspace, Path outDir, List<OutputGlob> outputs, List<String> command,
                        SandboxMode sandbox, Tier tier, String builderId, List<String> passEnv,
                        Duration timeout, Optional<String> imageDigest, Optional<Path> cache, BuildVariation variation,
                        boolean allowNetworkPolicyOnly, BuildUser buildUser, ResourceLimits limits,
                        Optional<String> canonicalSource) {
        this(workspace, outDir, outputs, command, sandbox, tier, builderId, passEnv, timeout, imageDigest, cache, variation,
                allowNetworkPolicyOnly, buildUser, limits, canonicalSource, Optional.empty());
    }

    /** The same request reading the Maven lock from {@code file} (empty: the default lock). */
    public BuildRequest withLock(Optional<Path> file) {
        return new BuildRequest(workspace, outDir, outputs, command, sandbox, tier, builderId, passEnv, timeout, imageDigest,
                cache, variation, allowNetworkPolicyOnly, buildUser, limits, canonicalSource, file);
    }

    /** A request with the default canonical source (none: the fetched remote is the source of record). */
    public BuildRequest(Path workspace, Path outDir, List<OutputGlob> outputs, List<String> command,
                        SandboxMode sandbox, Tier tier, String builderId, List<String> passEnv,
                        Duration timeout, Optional<String> imageDigest, Optional<Path> cache, BuildVariation variation,
                        boolean allowNetworkPolicyOnly, BuildUser buildUser, ResourceLimits limits) {
        this(workspace, outDir, outputs, command, sandbox, tier, builderId, passEnv, timeout, imageDigest, cache, variation,
                allowNetworkPolicyOnly, buildUser, limits, Optional.empty());
    }

    /** The same request, stating the canonical repository its checkout stands for (empty: none). */
    public BuildRequest withCanonicalSource(Optional<String> repository) {
        return new BuildRequest(workspace, outDir, outputs, command, sandbox, tier, builderId, passEnv, timeout, imageDigest,
                cache, variation, allowNetworkPolicyOnly, buildUser, limits, repository, lock);
    }

    /** A request with the default build user and limits. */
    public BuildRequest(Path workspace, Path outDir, List<OutputGlob> outputs, List<String> command,
                        SandboxMode sandbox, Tier tier, String builderId, List<String> passEnv,
                        Duration timeout, Optional<String> imageDigest, Optional<Path> cache, BuildVariation variation,
                        boolean allowNetworkPolicyOnly) {
        this(workspace, outDir, outputs, command, sandbox, tier, builderId, passEnv, timeout, imageDigest, cache, variation,
                allowNetworkPolicyOnly, BuildUser.DEFAULT, ResourceLimits.DEFAULTS);
    }

    /** The same request run as another build user, under other limits. */
    public BuildRequest confinedAs(BuildUser newBuildUser, ResourceLimits newLimits) {
        return new BuildRequest(workspace, outDir, outputs, command, sandbox, tier, builderId, passEnv, timeout, imageDigest,
                cache, variation, allowNetworkPolicyOnly, newBuildUser, newLimits, canonicalSource, lock);
    }

    /** How the sandbox of this build is started: as the build user, under the limits. */
    public Confinement confinement() {
        return Confinement.of(buildUser, limits);
    }

    /** A request without variation. */
    public BuildRequest(Path workspace, Path outDir, List<OutputGlob> outputs, List<String> command,
                        SandboxMode sandbox, Tier tier, String builderId, List<String> passEnv,
                        Duration timeout, Optional<String> imageDigest, Optional<Path> cache) {
        this(workspace, outDir, outputs, command, sandbox, tier, builderId, passEnv, timeout, imageDigest, cache, BuildVariation.NONE, false);
    }

    /** A request with a variation, without the network-policy-only opt-in. */
    public BuildRequest(Path workspace, Path outDir, List<OutputGlob> outputs, List<String> command,
                        SandboxMode sandbox, Tier tier, String builderId, List<String> passEnv,
                        Duration timeout, Optional<String> imageDigest, Optional<Path> cache, BuildVariation variation) {
        this(workspace, outDir, outputs, command, sandbox, tier, builderId, passEnv, timeout, imageDigest, cache, variation, false);
    }

    /** The same request with the network-policy-only opt-in set as given. */
    public BuildRequest withNetworkPolicyOnly(boolean allow) {
        return new BuildRequest(workspace, outDir, outputs, command, sandbox, tier, builderId, passEnv, timeout, imageDigest,
                cache, variation, allow, buildUser, limits, canonicalSource, lock);
    }

    /** The same request in another workspace, writing to another output directory, with a variation. */
    public BuildRequest elsewhere(Path newWorkspace, Path newOutDir, BuildVariation newVariation) {
        return new BuildRequest(newWorkspace, newOutDir, outputs, command, sandbox, tier, builderId, passEnv, timeout,
                imageDigest, cache, newVariation, allowNetworkPolicyOnly, buildUser, limits, canonicalSource, lock);
    }

    /** A request without a dependency cache. */
    public BuildRequest(Path workspace, Path outDir, List<OutputGlob> outputs, List<String> command,
                        SandboxMode sandbox, Tier tier, String builderId, List<String> passEnv,
                        Duration timeout, Optional<String> imageDigest) {
        this(workspace, outDir, outputs, command, sandbox, tier, builderId, passEnv, timeout, imageDigest, Optional.empty());
    }
}
