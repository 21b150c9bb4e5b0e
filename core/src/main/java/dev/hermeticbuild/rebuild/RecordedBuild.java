package dev.hermeticbuild.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.provenance.ProvenanceJson;
import dev.hermeticbuild.provenance.Toolchain;
import dev.hermeticbuild.source.ProvidedToolchain;
import java.io.IOException;
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
 * did. A statement of another buildType is refused.
 */
public record RecordedBuild(String commit, String workingDirectory, List<String> command, List<String> outputs,
                            String tier, String sandbox, List<String> passedEnvironment, Duration timeout,
                            Map<String, String> subjects, List<ProvidedToolchain> toolchains,
                            Optional<ExternalLockRecord> externalLock) {

    /** The lock outside the source tree a build read: its digest and the path it was read from then. */
    public record ExternalLockRecord(String sha256, String path) {
    }

    public static final String BUILD_TYPE = "https://hermetic-build.dev/build/v1";

    public RecordedBuild {
        command = List.copyOf(command);
        outputs = List.copyOf(outputs);
        passedEnvironment = List.copyOf(passedEnvironment);
        subjects = Map.copyOf(subjects);
        toolchains = List.copyOf(toolchains);
    }

    public static RecordedBuild parse(byte[] statement) {
        JsonNode s;
        try {
            s = ProvenanceJson.mapper().readTree(statement);
        } catch (IOException e) {
            throw new InputException("the provenance is not JSON: " + e.getMessage(), e);
        }
        if (!"https://slsa.dev/provenance/v1".equals(s.path("predicateType").asText())) {
            throw new InputException("the provenance's predicateType is " + s.path("predicateType").asText() + ", not SLSA provenance v1");
        }
        JsonNode def = s.path("predicate").path("buildDefinition");
        if (!BUILD_TYPE.equals(def.path("buildType").asText())) {
            throw new InputException("buildType " + def.path("buildType").asText() + " is not " + BUILD_TYPE + ": not a hermetic build to rebuild");
        }
        JsonNode ext = def.path("externalParameters");
        String commit = null;
        List<ProvidedToolchain> toolchains = new ArrayList<>();
        Optional<ExternalLockRecord> lock = Optional.empty();
        for (JsonNode dep : def.path("resolvedDependencies")) {
            if ("source".equals(dep.path("name").asText())) {
                commit = dep.path("digest").path("gitCommit").asText(null);
            } else if (dep.path("name").asText().startsWith(ProvidedToolchain.DEPENDENCY_PREFIX)) {
                toolchains.add(toolchain(dep));
            }
            JsonNode a = dep.path("annotations");
            if ("lockfile".equals(a.path("kind").asText()) && "outside the source tree".equals(a.path("location").asText())) {
                String sha = dep.path("digest").path("sha256").asText("");
                if (!sha.matches("[0-9a-f]{64}")) {
                    throw new InputException("the provenance's lock outside the source tree has no sha256 digest: cannot check a --lock against it");
                }
                lock = Optional.of(new ExternalLockRecord(sha, a.path("path").asText("")));
            }
        }
        if (commit == null || !commit.matches("[0-9a-f]{40}")) {
            throw new InputException("the provenance records no source commit (resolvedDependencies[name=source].digest.gitCommit): nothing to check out");
        }
        Map<String, String> subjects = new LinkedHashMap<>();
        for (JsonNode subject : s.path("subject")) {
            String name = subject.path("name").asText();
            try {
                new dev.hermeticbuild.artifacts.OutputGlob(name);
            } catch (InputException e) {
                throw new InputException("subject name '" + name + "' is not a path inside a workspace: refused", e);
            }
            subjects.put(name, subject.path("digest").path("sha256").asText());
        }
        if (subjects.isEmpty() || !ext.path("command").isArray() || !ext.path("outputs").isArray()) {
            throw new InputException("the provenance lacks subjects, command or outputs");
        }
        String workingDirectory = ext.path("workingDirectory").asText(".");
        if (workingDirectory.startsWith("/") || List.of(workingDirectory.split("/")).contains("..")) {
            throw new InputException("workingDirectory '" + workingDirectory + "' leaves the repository: refused");
        }
        return new RecordedBuild(commit, workingDirectory, strings(ext.path("command")),
                strings(ext.path("outputs")), ext.path("tier").asText("dev"), ext.path("sandbox").asText("auto"),
                strings(ext.path("passedEnvironment")), Duration.ofSeconds(ext.path("timeoutSeconds").asLong(7200)), subjects,
                toolchains, lock);
    }

    /** A {@code toolchain:KIND} dependency: kind, version, path and via from its annotations, the digest as recorded. */
    private static ProvidedToolchain toolchain(JsonNode dep) {
        String name = dep.path("name").asText();
        JsonNode a = dep.path("annotations");
        String kind = name.substring(ProvidedToolchain.DEPENDENCY_PREFIX.length());
        String path = a.path("path").asText("");
        if (!kind.matches("[a-z][a-z0-9-]{0,30}") || !path.startsWith("/") || path.contains("\n")) {
            throw new InputException("resolvedDependencies " + dev.hermeticbuild.Printable.escape(name)
                    + ": a toolchain needs a lower-case kind and an absolute annotations.path");
        }
        Map<String, String> digest = new LinkedHashMap<>();
        dep.path("digest").fields().forEachRemaining(e -> digest.put(e.getKey(), e.getValue().asText()));
        var recorded = new Toolchain(kind, a.path("version").asText("unknown"), path, digest);
        return new ProvidedToolchain(recorded, Optional.ofNullable(a.path("vendor").textValue()), strings(a.path("via")),
                a.path("buildControlled").asBoolean(false), a.path("shownReadOnly").asBoolean(false));
    }

    private static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(n -> result.add(n.asText()));
        return result;
    }
}
