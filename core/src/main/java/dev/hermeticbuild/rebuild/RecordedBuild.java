package dev.hermeticbuild.rebuild;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.provenance.InTotoStatement;
import dev.hermeticbuild.provenance.Parameters;
import dev.hermeticbuild.provenance.ResourceDescriptor;
import dev.hermeticbuild.provenance.SlsaProvenance;
import dev.hermeticbuild.provenance.StatementTypes;
import dev.hermeticbuild.provenance.Toolchain;
import dev.hermeticbuild.bundle.MalformedBundleException;
import dev.hermeticbuild.image.BaseImage;
import dev.hermeticbuild.image.ImageRecipe;
import dev.hermeticbuild.image.Platform;
import dev.hermeticbuild.source.ProvidedToolchain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a provenance statement of ours says about its build, read back for a rebuild: the
 * source commit and path, the command, outputs, tier, sandbox, passed variable names, timeout,
 * the subjects' digests, the toolchains the build was given ({@code toolchain:KIND}
 * dependencies), and the digest of the Maven lock it read from outside the source tree, if it
 * did, and the image the runner assembled (its recipe, the base by digest from the layout it was
 * read from). A statement of another buildType is refused.
 */
public record RecordedBuild(String commit, String workingDirectory, List<String> command, List<String> outputs,
                            String tier, String sandbox, List<String> passedEnvironment, Duration timeout,
                            Map<String, String> subjects, List<ProvidedToolchain> toolchains,
                            Optional<ExternalLockRecord> externalLock, Optional<ImageRecipe> image) {

    /** The lock outside the source tree a build read: its digest and the path it was read from then. */
    public record ExternalLockRecord(String sha256, String path) {
    }

    public RecordedBuild {
        command = List.copyOf(command);
        outputs = List.copyOf(outputs);
        passedEnvironment = List.copyOf(passedEnvironment);
        subjects = Map.copyOf(subjects);
        toolchains = List.copyOf(toolchains);
    }

    public static RecordedBuild parse(byte[] statement) {
        InTotoStatement s = InTotoStatement.read(statement, "the provenance", InTotoStatement.Rules.RECORDED);
        if (!StatementTypes.SLSA_PROVENANCE_V1.equals(s.predicateType())) {
            throw new InputException("the provenance's predicateType is " + s.predicateType() + ", not SLSA provenance v1");
        }
        SlsaProvenance predicate;
        try {
            predicate = s.slsaProvenance();
        } catch (MalformedBundleException e) {
            throw new InputException("the provenance is not valid SLSA provenance v1: " + InTotoStatement.problem(e), e);
        }
        var def = predicate.buildDefinition();
        if (!StatementTypes.HERMETIC_BUILD_V1.equals(def.buildType())) {
            throw new InputException("buildType " + def.buildType() + " is not " + StatementTypes.HERMETIC_BUILD_V1
                    + ": not a hermetic build to rebuild");
        }
        Map<String, Object> ext = def.externalParameters();
        String commit = null;
        List<ProvidedToolchain> toolchains = new ArrayList<>();
        Optional<ExternalLockRecord> lock = Optional.empty();
        Optional<ResourceDescriptor> imageBase = Optional.empty();
        for (ResourceDescriptor dep : def.resolvedDependencies()) {
            String name = dep.name() == null ? "" : dep.name();
            if (ImageRecipe.BASE_DEPENDENCY.equals(name)) {
                imageBase = Optional.of(dep);
            }
            if ("source".equals(name)) {
                commit = dep.digest().get("gitCommit");
            } else if (name.startsWith(ProvidedToolchain.DEPENDENCY_PREFIX)) {
                toolchains.add(toolchain(name, dep));
            }
            Map<String, Object> a = dep.annotations();
            if (Parameters.text(a, "kind").filter("lockfile"::equals).isPresent()
                    && Parameters.text(a, "location").filter("outside the source tree"::equals).isPresent()) {
                String sha = dep.digest().getOrDefault("sha256", "");
                if (!sha.matches("[0-9a-f]{64}")) {
                    throw new InputException("the provenance's lock outside the source tree has no sha256 digest: cannot check a --lock against it");
                }
                lock = Optional.of(new ExternalLockRecord(sha, Parameters.text(a, "path").orElse("")));
            }
        }
        if (commit == null || !commit.matches("[0-9a-f]{40}")) {
            throw new InputException("the provenance records no source commit (resolvedDependencies[name=source].digest.gitCommit): nothing to check out");
        }
        Map<String, String> subjects = new LinkedHashMap<>();
        for (InTotoStatement.Subject subject : s.subjects()) {
            try {
                new dev.hermeticbuild.artifacts.OutputGlob(subject.name());
            } catch (InputException e) {
                throw new InputException("subject name '" + subject.name() + "' is not a path inside a workspace: refused", e);
            }
            subjects.put(subject.name(), subject.sha256());
        }
        if (subjects.isEmpty() || Parameters.list(ext, "command").isEmpty() || Parameters.list(ext, "outputs").isEmpty()) {
            throw new InputException("the provenance lacks subjects, command or outputs");
        }
        String workingDirectory = Parameters.text(ext, "workingDirectory").orElse(".");
        if (workingDirectory.startsWith("/") || List.of(workingDirectory.split("/")).contains("..")) {
            throw new InputException("workingDirectory '" + workingDirectory + "' leaves the repository: refused");
        }
        return new RecordedBuild(commit, workingDirectory, Parameters.strings(ext, "command"),
                Parameters.strings(ext, "outputs"), Parameters.text(ext, "tier").orElse("dev"),
                Parameters.text(ext, "sandbox").orElse("auto"), Parameters.strings(ext, "passedEnvironment"),
                Duration.ofSeconds(Parameters.integer(ext, "timeoutSeconds").orElse(7200L)), subjects, toolchains, lock,
                image(ext, imageBase));
    }

    /**
     * This build with the image's base read from {@code layout} (a rebuilder's copy of the same
     * digest, e.g. {@code skopeo copy docker://REG/base@sha256:… oci:DIR}); refused when the build
     * assembled no image or assembled it on scratch.
     */
    public RecordedBuild withImageBaseLayout(java.nio.file.Path layout) {
        ImageRecipe recipe = image.orElseThrow(() -> new InputException("--image-base-layout: the recorded build assembled no image"));
        return new RecordedBuild(commit, workingDirectory, command, outputs, tier, sandbox, passedEnvironment, timeout, subjects,
                toolchains, externalLock, Optional.of(recipe.withBaseLayout(layout)));
    }

    /** Refuses, saying what to pass, a recorded image base whose layout is not on this machine. */
    public void requireImageBase() {
        image.flatMap(ImageRecipe::base).filter(b -> !java.nio.file.Files.isDirectory(b.layout())).ifPresent(b -> {
            throw new InputException("the image's base sha256:" + b.sha256() + " was read from " + b.layout() + ", which is not here:"
                    + " pass --image-base-layout DIR, an OCI layout holding that digest (e.g. skopeo copy docker://REG/BASE@sha256:"
                    + b.sha256() + " oci:DIR)");
        });
    }

    /** {@code externalParameters.image} and its base dependency read back as the recipe to assemble again. */
    private static Optional<ImageRecipe> image(Map<String, Object> ext, Optional<ResourceDescriptor> baseDependency) {
        Optional<Map<String, Object>> recorded = Parameters.object(ext, "image");
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> p = recorded.get();
        String base = Parameters.text(p, "base").orElse("");
        Optional<BaseImage> baseImage = Optional.empty();
        if (!BaseImage.SCRATCH.equals(base)) {
            String sha = base.startsWith("sha256:") ? base.substring(7) : "";
            ResourceDescriptor dep = baseDependency.filter(d -> sha.equals(d.digest().get("sha256"))).orElseThrow(() -> new InputException(
                    "externalParameters.image.base '" + dev.hermeticbuild.Printable.escape(base) + "' is neither scratch nor the digest of the"
                            + " recorded " + ImageRecipe.BASE_DEPENDENCY + " dependency: cannot assemble the image again"));
            String layout = Parameters.text(dep.annotations(), "layout").orElseThrow(() -> new InputException(
                    ImageRecipe.BASE_DEPENDENCY + " records no annotations.layout: cannot find the base image to assemble again"));
            baseImage = Optional.of(new BaseImage(java.nio.file.Path.of(layout), sha));
        }
        Map<String, String> environment = new LinkedHashMap<>();
        Parameters.object(p, "environment").orElse(Map.of()).forEach((k, v) -> environment.put(k, String.valueOf(v)));
        Map<String, String> labels = new LinkedHashMap<>();
        Parameters.object(p, "labels").orElse(Map.of()).forEach((k, v) -> labels.put(k, String.valueOf(v)));
        return Optional.of(new ImageRecipe(baseImage, Parameters.text(p, "platform").map(Platform::parse),
                Parameters.strings(p, "layers").stream().map(ImageRecipe.Layer::parse).toList(), Parameters.strings(p, "entrypoint"),
                environment, labels, Parameters.text(p, "name").orElse(ImageRecipe.DEFAULT_NAME)));
    }

    /** A {@code toolchain:KIND} dependency: kind, version, path and via from its annotations, the digest as recorded. */
    private static ProvidedToolchain toolchain(String name, ResourceDescriptor dep) {
        Map<String, Object> a = dep.annotations();
        String kind = name.substring(ProvidedToolchain.DEPENDENCY_PREFIX.length());
        String path = Parameters.text(a, "path").orElse("");
        if (!kind.matches("[a-z][a-z0-9-]{0,30}") || !path.startsWith("/") || path.contains("\n")) {
            throw new InputException("resolvedDependencies " + dev.hermeticbuild.Printable.escape(name)
                    + ": a toolchain needs a lower-case kind and an absolute annotations.path");
        }
        var recorded = new Toolchain(kind, Parameters.text(a, "version").orElse("unknown"), path, dep.digest());
        return new ProvidedToolchain(recorded, Parameters.text(a, "vendor"), Parameters.strings(a, "via"),
                Parameters.bool(a, "buildControlled").orElse(false), Parameters.bool(a, "shownReadOnly").orElse(false));
    }
}
