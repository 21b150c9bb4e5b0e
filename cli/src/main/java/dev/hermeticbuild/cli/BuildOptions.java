package dev.hermeticbuild.cli;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.build.BuildRequest;
import dev.hermeticbuild.build.Tier;
import dev.hermeticbuild.sandbox.BuildUser;
import dev.hermeticbuild.sandbox.ResourceLimits;
import dev.hermeticbuild.sandbox.SandboxMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options and the command that describe one build, shared by {@code build} and {@code check-reproducible}. */
final class BuildOptions {

    @Option(names = "-C", paramLabel = "DIR", description = "Workspace: the directory the command runs in (default: current directory).")
    Path workspace = Path.of(".");

    @Option(names = "--out", paramLabel = "DIR", description = "Where results go (default: DIR-hermetic-out next to the workspace).")
    Path out;

    @Option(names = "--output", paramLabel = "GLOB", description = "Output files, relative to the workspace, as Ant and Gradle read them ('*' within a directory,"
            + " '**/' zero or more directories; a directory: everything under it). Repeatable.")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--sandbox", paramLabel = "MODE", description = "auto|namespace|bubblewrap|unshare|none (none: dev tier only).")
    String sandbox = "auto";

    @Option(names = "--tier", paramLabel = "TIER", description = "dev|release. Release refuses dirty trees, egress, unpinned inputs and unsandboxed runs.")
    String tier = "dev";

    @Option(names = "--builder-id", paramLabel = "URI", description = "Builder identity written into provenance.")
    String builderId = BuildRequest.DEFAULT_BUILDER_ID;

    @Option(names = "--env", paramLabel = "NAME", description = "Pass this variable of the runner's environment into the sandbox. Repeatable.")
    List<String> passEnv = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Kill the whole build after this long: 90s, 20m, 2h, or ISO-8601 (default 2h).")
    String timeout;

    @Option(names = "--lock", paramLabel = "FILE", description = "The Maven lock, kept outside the source tree (default: DIR/hermetic.lock"
            + " if committed, else DIR.hermetic.lock beside DIR).")
    Path lock;

    @Option(names = "--cache", paramLabel = "DIR", description = "Dependency cache (filled by hermetic prefetch) the build's locked inputs come from.")
    Path cache;

    @Option(names = "--allow-network-policy-only", description = "Explicit opt-in for pods where namespaces cannot be created: run"
            + " unsandboxed with the pod's NetworkPolicy as the only egress barrier (recorded in provenance; never hermetic)."
            + " Default: on when HERMETIC_ISOLATION_OPT_IN=network-policy-only (set by hermetic pod-template).")
    Boolean allowNetworkPolicyOnly;

    @Option(names = "--limit", paramLabel = "NAME=VALUE", description = "A resource limit of the build, repeatable: nproc=4096,"
            + " memory=8g (per process), cpu=2h (per process), file-size=8g, outputs=4g (total copied to OUT), tmpfs=2g (each"
            + " private tmpfs). Defaults shown; HERMETIC_LIMITS=NAME=VALUE,... sets them for an agent first.")
    List<String> limits = new ArrayList<>();

    @Option(names = "--build-uid", paramLabel = "UID[:GID]", description = "When run as root: the unprivileged host uid (and gid)"
            + " the build runs as (default 64000:64000, or HERMETIC_BUILD_UID). Never 0. Ignored when not root.")
    String buildUid;

    @Option(names = "--canonical-source", paramLabel = "URL", description = "The repository this checkout stands for, when it"
            + " was cloned from a mirror: recorded as the source repository (what verify --source matches), beside the fetched remote.")
    String canonicalSource;

    @picocli.CommandLine.Mixin
    BuildImageOptions image;

    @picocli.CommandLine.Mixin
    QuietOption quiet;

    @Parameters(paramLabel = "COMMAND", description = "The build command and its arguments, after --.")
    List<String> command = new ArrayList<>();

    /** The request these options describe; the command must have come after {@code --}. */
    BuildRequest request(CommandSpec spec) {
        if (!spec.commandLine().getParseResult().originalArgs().contains("--")) {
            throw new InputException("the build command must follow --, e.g. hermetic " + spec.name() + " --output 'build/*.jar' -- make");
        }
        if (outputs.isEmpty()) {
            throw new InputException("at least one --output GLOB is required: the files the build produces");
        }
        Path ws = workspace.toAbsolutePath().normalize();
        Path outDir = out != null ? out : ws.resolveSibling(ws.getFileName() + "-hermetic-out");
        return BuildRequest.builder()
                .workspace(workspace).outDir(outDir).outputs(outputs.stream().map(OutputGlob::new).toList()).command(command)
                .sandbox(SandboxMode.parse(sandbox)).tier(Tier.parse(tier)).builderId(builderId).passEnv(passEnv)
                .timeout(timeout == null ? BuildRequest.DEFAULT_TIMEOUT : Durations.parse("--timeout", timeout))
                .imageDigest(Optional.ofNullable(System.getenv("HERMETIC_IMAGE_DIGEST")).filter(s -> !s.isBlank()))
                .cache(Optional.ofNullable(cache))
                .allowNetworkPolicyOnly(allowNetworkPolicyOnly != null ? allowNetworkPolicyOnly
                        : "network-policy-only".equals(System.getenv("HERMETIC_ISOLATION_OPT_IN")))
                .buildUser(BuildUser.configured(buildUid, System.getenv(BuildUser.ENVIRONMENT_VARIABLE)))
                .limits(ResourceLimits.configured(System.getenv(ResourceLimits.ENVIRONMENT_VARIABLE), limits))
                .canonicalSource(Optional.ofNullable(canonicalSource))
                .lock(Optional.ofNullable(lock))
                .image(image.recipe(Path.of("").toAbsolutePath()))
                .build();
    }
}
