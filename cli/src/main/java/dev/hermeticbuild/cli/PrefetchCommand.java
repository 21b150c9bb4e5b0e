package dev.hermeticbuild.cli;

import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.cache.Prefetcher;
import dev.hermeticbuild.cache.Registries;
import dev.hermeticbuild.lock.ProjectLock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hermetic prefetch}: fills the content-addressed cache with exactly what the project's locks name. */
@Command(name = "prefetch", description = "Fetch every locked input into the cache, verifying each digest before it enters.")
final class PrefetchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "-C", paramLabel = "DIR", description = "The project (default: current directory).")
    Path workspace = Path.of(".");

    @Option(names = "--lock", paramLabel = "FILE", description = "The Maven lock, kept outside the source tree (default: DIR/hermetic.lock"
            + " if committed, else DIR.hermetic.lock beside DIR).")
    Path lock;

    @Option(names = "--cache", paramLabel = "DIR", description = "The cache (default: ~/.cache/hermetic).")
    Path cache = CacheDirectory.defaultCache();

    @Option(names = "--maven-repo", paramLabel = "URL", description = "Maven repository to fetch from, tried in order (default: Maven Central). Repeatable.")
    List<String> mavenRepos = new ArrayList<>();

    @Option(names = "--npm-registry", paramLabel = "URL", description = "npm registry to fetch from (default: the public registry). Repeatable.")
    List<String> npmRegistries = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "N", description = "Inputs fetched at the same time (default: 8).")
    int parallel = Prefetcher.DEFAULT_PARALLELISM;

    @picocli.CommandLine.Mixin
    JsonOption json;

    @picocli.CommandLine.Mixin
    QuietOption quiet;

    @Override
    public Integer call() {
        Registries registries = new Registries(
                mavenRepos.isEmpty() ? List.of(Registries.MAVEN_CENTRAL) : mavenRepos,
                npmRegistries.isEmpty() ? List.of(Registries.NPM_REGISTRY) : npmRegistries);
        ProjectLock lock = ProjectLock.forWorkspace(workspace, java.util.Optional.ofNullable(this.lock));
        if (lock.lockfiles().isEmpty()) {
            throw new dev.hermeticbuild.InputException("-C " + workspace + ": no lockfile found (hermetic.lock, package-lock.json, go.sum, Cargo.lock, requirements.txt)");
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter progress = quiet.progress(err);
        progress.println("prefetch: " + origins(lock, registries) + " into " + cache);
        progress.flush();
        Prefetcher.Report report = new Prefetcher(ContentCache.open(cache, workspace), registries, parallel)
                .prefetch(lock, new ProgressLine(progress));
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled) {
            json.result(toJson(lock, report));
        } else {
            out.println("prefetch " + String.join(", ", lock.lockfiles()) + " into " + cache + ": " + report.fetched() + " fetched ("
                    + ProgressLine.megabytes(report.bytesFetched()) + "), " + report.hits() + " already cached (verified)");
            report.skipped().forEach((what, n) -> out.println("  skipped " + n + " " + what));
        }
        if (report.ok()) {
            return ExitCodes.OK;
        }
        report.failures().forEach(f -> {
            err.println("hermetic: " + f);
            json.error(report.unavailable().contains(f) ? ErrorCodes.REGISTRY_UNAVAILABLE : ErrorCodes.FETCH_FAILED, f);
        });
        return report.onlyUnavailable() ? ExitCodes.UNAVAILABLE : ExitCodes.CHECK_FAILED;
    }

    private com.fasterxml.jackson.databind.node.ObjectNode toJson(ProjectLock lock, Prefetcher.Report report) {
        var n = Json.object();
        lock.lockfiles().forEach(n.putArray("lockfiles")::add);
        n.put("cache", cache.toString());
        n.put("fetched", report.fetched());
        n.put("alreadyCached", report.hits());
        n.put("bytesFetched", report.bytesFetched());
        var skipped = n.putObject("skipped");
        report.skipped().forEach(skipped::put);
        report.failures().forEach(n.putArray("failures")::add);
        return n;
    }

    /** Where the inputs come from, e.g. {@code 12 maven inputs from https://repo.maven.apache.org/maven2}; no credential of a URL. */
    static String origins(ProjectLock lock, Registries registries) {
        List<String> parts = new ArrayList<>();
        int maven = lock.of("maven").size();
        int npm = lock.of("npm").size();
        if (maven > 0) {
            parts.add(inputs(maven, "Maven") + " from " + redacted(registries.maven()));
        }
        if (npm > 0) {
            parts.add(inputs(npm, "npm") + " from " + redacted(registries.npm()));
        }
        return parts.isEmpty() ? "no locked inputs" : String.join("; ", parts);
    }

    private static String inputs(int n, String kind) {
        return n + " " + kind + (n == 1 ? " input" : " inputs");
    }

    private static String redacted(List<String> urls) {
        return String.join(", ", urls.stream().map(dev.hermeticbuild.source.SourceUri::redactedForMessage).toList());
    }
}
