package dev.hermeticbuild.cli;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.lock.ProjectLock;
import dev.hermeticbuild.sandbox.BuildEnvironment;
import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.sbom.CycloneDxSbom;
import dev.hermeticbuild.sbom.DependencyGraph;
import dev.hermeticbuild.sbom.MavenLicenses;
import dev.hermeticbuild.sbom.RuntimeGraphs;
import dev.hermeticbuild.sbom.SbomContext;
import dev.hermeticbuild.source.SourceUri;
import dev.hermeticbuild.source.SourceInspector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hermetic sbom}: a CycloneDX 1.6 SBOM of a project's locked inputs, without building. */
@Command(name = "sbom", description = "Write a CycloneDX 1.6 JSON SBOM of the project: its run-time components and graph, and the other locked inputs as build-time material (validated against the schema).")
final class SbomCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "-C", paramLabel = "DIR", description = "The project (default: current directory).")
    Path workspace = Path.of(".");

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the SBOM.")
    Path out;

    @Option(names = "--lock", paramLabel = "FILE", description = "The Maven lock, kept outside the source tree (default: DIR/hermetic.lock"
            + " if committed, else DIR.hermetic.lock beside DIR).")
    Path lock;

    @Option(names = "--cache", paramLabel = "DIR", description = "Dependency cache: read Maven licenses from the locked POMs in it.")
    Path cache;

    @picocli.CommandLine.Mixin
    JsonOption json;

    @Override
    public Integer call() {
        if (!Files.isDirectory(workspace)) {
            throw new InputException("-C " + workspace + ": not a directory");
        }
        var source = SourceInspector.inspect(workspace);
        var lock = ProjectLock.forWorkspace(workspace, java.util.Optional.ofNullable(this.lock));
        String name = workspace.toAbsolutePath().normalize().getFileName().toString();
        Optional<ContentCache> contentCache = Optional.ofNullable(cache).map(c -> ContentCache.open(c, workspace));
        DependencyGraph runtime = RuntimeGraphs.of(workspace, lock, contentCache, name);
        var locked = contentCache.map(c -> MavenLicenses.enrich(lock.dependencies(), c)).orElse(lock.dependencies());
        var doc = CycloneDxSbom.create(List.of(), runtime, locked, List.of(), new SbomContext(
                source.commitTimeEpochSeconds().orElse(BuildEnvironment.NO_VCS_EPOCH), source.commit(),
                source.remoteUrl().flatMap(u -> SourceUri.fromRemote(u).uri()), Optional.empty(), contentCache, Optional.empty()));
        try {
            Files.write(out, doc.json());
        } catch (IOException e) {
            throw new InputException("--out " + out + ": " + e.getMessage(), e);
        }
        var c = doc.completeness();
        if (json.enabled) {
            json.result(Json.object().put("sbom", out.toString()).put("components", c.components()).put("withPurl", c.withPurl())
                    .put("withHashes", c.withHashes()).put("withLicenses", c.withLicenses()));
        } else {
            spec.commandLine().getOut().println("sbom: " + out + " (" + c.summary() + ")");
        }
        warn(doc.completeness(), spec.commandLine().getErr());
        return ExitCodes.OK;
    }

    /** How many of an SBOM's problems stderr shows; all of them are in the SBOM. */
    static final int PROBLEMS_SHOWN = 20;

    /** Each problem of an SBOM on stderr (the first {@link #PROBLEMS_SHOWN}), so an incomplete SBOM is never silent. */
    static void warn(CycloneDxSbom.Completeness completeness, java.io.PrintWriter err) {
        List<String> problems = completeness.problems();
        for (String problem : problems.subList(0, Math.min(PROBLEMS_SHOWN, problems.size()))) {
            err.println("hermetic: sbom: " + Printable.escape(problem));
        }
        if (problems.size() > PROBLEMS_SHOWN) {
            err.println("hermetic: sbom: and " + (problems.size() - PROBLEMS_SHOWN) + " more problem(s), each a hermetic:problem property"
                    + " of the SBOM's metadata");
        }
    }
}
