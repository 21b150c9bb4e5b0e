package dev.hermeticbuild.build;

import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.image.ImageRecipe;
import dev.hermeticbuild.sandbox.BuildUser;
import dev.hermeticbuild.sandbox.Confinement;
import dev.hermeticbuild.sandbox.ResourceLimits;
import dev.hermeticbuild.sandbox.SandboxMode;
import dev.hermeticbuild.source.SourceUri;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a user asks of one build: the external parameters of its provenance. Made with
 * {@link #builder()}, whose defaults are a release build's: tier release, a namespace sandbox
 * that never falls back to none, no network-policy-only opt-in, nothing passed in from the host.
 * Every loosening is a call the reader sees.
 */
public final class BuildRequest {

    public static final String DEFAULT_BUILDER_ID = "https://hermetic-build.dev/builder/cli/v1";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(2);

    private final Path workspace;
    private final Path outDir;
    private final List<OutputGlob> outputs;
    private final List<String> command;
    private final SandboxMode sandbox;
    private final Tier tier;
    private final String builderId;
    private final List<String> passEnv;
    private final Duration timeout;
    private final Optional<String> imageDigest;
    private final Optional<Path> cache;
    private final BuildVariation variation;
    private final boolean allowNetworkPolicyOnly;
    private final BuildUser buildUser;
    private final ResourceLimits limits;
    private final Optional<String> canonicalSource;
    private final Optional<Path> lock;
    private final Optional<ImageRecipe> image;

    private BuildRequest(Builder b) {
        workspace = b.workspace;
        outDir = b.outDir;
        outputs = List.copyOf(b.outputs);
        command = List.copyOf(b.command);
        sandbox = b.sandbox;
        tier = b.tier;
        builderId = b.builderId;
        passEnv = List.copyOf(b.passEnv);
        timeout = b.timeout;
        imageDigest = b.imageDigest;
        cache = b.cache;
        variation = b.variation;
        allowNetworkPolicyOnly = b.allowNetworkPolicyOnly;
        buildUser = b.buildUser;
        limits = b.limits;
        canonicalSource = b.canonicalSource.map(SourceUri::canonical);
        lock = b.lock;
        image = b.image;
    }

    /** A builder with the strict defaults; workspace, out directory, outputs and command must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder()
                .workspace(workspace).outDir(outDir).outputs(outputs).command(command)
                .sandbox(sandbox).tier(tier).builderId(builderId).passEnv(passEnv).timeout(timeout)
                .imageDigest(imageDigest).cache(cache).variation(variation)
                .allowNetworkPolicyOnly(allowNetworkPolicyOnly).buildUser(buildUser).limits(limits)
                .canonicalSource(canonicalSource).lock(lock).image(image);
    }

    /** The image to assemble from the outputs once the command has finished, if any. */
    public Optional<ImageRecipe> image() {
        return image;
    }

    /** The directory the command runs in (and the only one it may write). */
    public Path workspace() {
        return workspace;
    }

    /** Where provenance, the build log and copies of the outputs go. */
    public Path outDir() {
        return outDir;
    }

    /** Globs naming the build's outputs, relative to the workspace. */
    public List<OutputGlob> outputs() {
        return outputs;
    }

    /** The untrusted build command. */
    public List<String> command() {
        return command;
    }

    /** The requested isolation. */
    public SandboxMode sandbox() {
        return sandbox;
    }

    /** Dev or release. */
    public Tier tier() {
        return tier;
    }

    /** The builder identity written into provenance. */
    public String builderId() {
        return builderId;
    }

    /** Names of host variables passed into the sandbox. */
    public List<String> passEnv() {
        return passEnv;
    }

    /** After which the whole process tree is killed. */
    public Duration timeout() {
        return timeout;
    }

    /** The agent image digest, when the runner runs in one ({@code HERMETIC_IMAGE_DIGEST}). */
    public Optional<String> imageDigest() {
        return imageDigest;
    }

    /** The content-addressed dependency cache the build's locked inputs come from. */
    public Optional<Path> cache() {
        return cache;
    }

    /** Deliberate environment differences (reproducibility checks); {@link BuildVariation#NONE} normally. */
    public BuildVariation variation() {
        return variation;
    }

    /**
     * The explicit opt-in, for pods where namespaces cannot be created, to run without the sandbox,
     * the pod's NetworkPolicy being the only egress barrier; recorded in provenance, never hermetic.
     */
    public boolean allowNetworkPolicyOnly() {
        return allowNetworkPolicyOnly;
    }

    /** The unprivileged host uid:gid the build runs as when the runner is root. */
    public BuildUser buildUser() {
        return buildUser;
    }

    /** The resource limits of the build. */
    public ResourceLimits limits() {
        return limits;
    }

    /**
     * The repository the caller says the checkout stands for (the SCM URL a Jenkins job names when
     * it clones from a mirror), normalised and free of credentials; empty when the caller states
     * none, and then the fetched remote is the source of record.
     */
    public Optional<String> canonicalSource() {
        return canonicalSource;
    }

    /**
     * The Maven lock outside the source tree ({@code --lock FILE}); empty for the tree's own
     * {@code hermetic.lock} or, failing that, {@code DIR.hermetic.lock} beside the workspace.
     */
    public Optional<Path> lock() {
        return lock;
    }

    /** How the sandbox of this build is started: as the build user, under the limits. */
    public Confinement confinement() {
        return Confinement.of(buildUser, limits);
    }

    /** Collects a {@link BuildRequest}; each field not set keeps its strict default. */
    public static final class Builder {

        private Path workspace;
        private Path outDir;
        private List<OutputGlob> outputs;
        private List<String> command;
        private SandboxMode sandbox = SandboxMode.AUTO;
        private Tier tier = Tier.RELEASE;
        private String builderId = DEFAULT_BUILDER_ID;
        private List<String> passEnv = List.of();
        private Duration timeout = DEFAULT_TIMEOUT;
        private Optional<String> imageDigest = Optional.empty();
        private Optional<Path> cache = Optional.empty();
        private BuildVariation variation = BuildVariation.NONE;
        private boolean allowNetworkPolicyOnly;
        private BuildUser buildUser = BuildUser.DEFAULT;
        private ResourceLimits limits = ResourceLimits.DEFAULTS;
        private Optional<String> canonicalSource = Optional.empty();
        private Optional<Path> lock = Optional.empty();
        private Optional<ImageRecipe> image = Optional.empty();

        private Builder() {
        }

        /** Required: the directory the command runs in. */
        public Builder workspace(Path dir) {
            workspace = Objects.requireNonNull(dir, "workspace");
            return this;
        }

        /** Required: where provenance, the build log and copies of the outputs go. */
        public Builder outDir(Path dir) {
            outDir = Objects.requireNonNull(dir, "outDir");
            return this;
        }

        /** Required: globs naming the build's outputs. */
        public Builder outputs(List<OutputGlob> globs) {
            outputs = List.copyOf(globs);
            return this;
        }

        /** Required: the untrusted build command. */
        public Builder command(List<String> words) {
            command = List.copyOf(words);
            return this;
        }

        /** The requested isolation; default {@link SandboxMode#AUTO}, which never falls back to none. */
        public Builder sandbox(SandboxMode mode) {
            sandbox = Objects.requireNonNull(mode, "sandbox");
            return this;
        }

        /** Default {@link Tier#RELEASE}; {@link Tier#DEV} loosens the source and isolation checks. */
        public Builder tier(Tier t) {
            tier = Objects.requireNonNull(t, "tier");
            return this;
        }

        /** Default {@link #DEFAULT_BUILDER_ID}. */
        public Builder builderId(String id) {
            builderId = Objects.requireNonNull(id, "builderId");
            return this;
        }

        /** Host variables passed into the sandbox; default none. */
        public Builder passEnv(List<String> names) {
            passEnv = List.copyOf(names);
            return this;
        }

        /** Default {@link #DEFAULT_TIMEOUT}. */
        public Builder timeout(Duration t) {
            timeout = Objects.requireNonNull(t, "timeout");
            return this;
        }

        /** The agent image digest the runner runs in; default none. */
        public Builder imageDigest(Optional<String> digest) {
            imageDigest = Objects.requireNonNull(digest, "imageDigest");
            return this;
        }

        /** The dependency cache locked inputs come from; default none. */
        public Builder cache(Optional<Path> dir) {
            cache = Objects.requireNonNull(dir, "cache");
            return this;
        }

        /** Deliberate environment differences; default {@link BuildVariation#NONE}. */
        public Builder variation(BuildVariation v) {
            variation = Objects.requireNonNull(v, "variation");
            return this;
        }

        /** Loosening: run unsandboxed where namespaces cannot be created, the NetworkPolicy the only barrier; default off. */
        public Builder allowNetworkPolicyOnly(boolean allow) {
            allowNetworkPolicyOnly = allow;
            return this;
        }

        /** Default {@link BuildUser#DEFAULT}. */
        public Builder buildUser(BuildUser user) {
            buildUser = Objects.requireNonNull(user, "buildUser");
            return this;
        }

        /** Default {@link ResourceLimits#DEFAULTS}. */
        public Builder limits(ResourceLimits l) {
            limits = Objects.requireNonNull(l, "limits");
            return this;
        }

        /** The repository the checkout stands for; default none (the fetched remote is the source of record). */
        public Builder canonicalSource(Optional<String> repository) {
            canonicalSource = Objects.requireNonNull(repository, "canonicalSource");
            return this;
        }

        /** The Maven lock outside the source tree; default none (the tree's own, else the one beside the workspace). */
        public Builder lock(Optional<Path> file) {
            lock = Objects.requireNonNull(file, "lock");
            return this;
        }

        /** The image the runner assembles from the collected outputs after the command; default none. */
        public Builder image(Optional<ImageRecipe> recipe) {
            image = Objects.requireNonNull(recipe, "image");
            return this;
        }

        /** The request; throws {@link IllegalStateException} naming the first required field not set. */
        public BuildRequest build() {
            require(workspace, "workspace");
            require(outDir, "outDir");
            require(outputs, "outputs");
            require(command, "command");
            return new BuildRequest(this);
        }

        private static void require(Object value, String field) {
            if (value == null) {
                throw new IllegalStateException("BuildRequest: " + field + " is required");
            }
        }
    }
}
