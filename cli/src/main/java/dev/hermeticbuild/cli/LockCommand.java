package dev.hermeticbuild.cli;

import dev.hermeticbuild.CountText;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.cache.Registries;
import dev.hermeticbuild.cache.RegistryCheckedStore;
import dev.hermeticbuild.lock.MavenLocker;
import dev.hermeticbuild.lock.NpmLockfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hermetic lock}: writes the Maven lock of a project from what a real build resolves. */
@Command(name = "lock", description = "Write the Maven lock (DIR.hermetic.lock beside DIR, or the committed DIR/hermetic.lock):"
        + " every artifact a Maven build resolves (plugins included), with sha256.")
final class LockCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "-C", paramLabel = "DIR", description = "The Maven project (default: current directory).")
    Path workspace = Path.of(".");

    @Option(names = "--lock", paramLabel = "FILE", description = "Where to write the lock (default: DIR/hermetic.lock if the"
            + " project has one, else DIR.hermetic.lock beside DIR, outside the source tree).")
    Path lock;

    @Option(names = "--cache", paramLabel = "DIR", description = "Also store every file the locking build downloaded in this"
            + " dependency cache, by digest, each after checking it against the sha1 its registry publishes, so that prefetch has"
            + " nothing left to fetch.")
    Path cache;

    @Option(names = "--maven-repo", paramLabel = "URL", description = "With --cache: the Maven repository whose published"
            + " checksums the downloads are checked against, tried in order (default: Maven Central). Repeatable.")
    List<String> mavenRepos = new ArrayList<>();

    @Parameters(paramLabel = "COMMAND", description = "The locking build after -- (default: mvn -B package). Runs with network, in a copy of DIR.")
    List<String> command = new ArrayList<>();

    @picocli.CommandLine.Mixin
    JsonOption json;

    @picocli.CommandLine.Mixin
    QuietOption quiet;

    @Override
    public Integer call() {
        if (Files.isRegularFile(workspace.resolve(NpmLockfile.FILE))) {
            NpmLockfile.offlineProblem(NpmLockfile.read(workspace.resolve(NpmLockfile.FILE))).ifPresent(problem -> {
                throw new InputException("hermetic lock: " + problem);
            });
        }
        if (!Files.isRegularFile(workspace.resolve("pom.xml"))) {
            throw new InputException("-C " + workspace + ": no pom.xml; hermetic lock writes locks for Maven projects"
                    + " (npm, Go, Cargo and pip have lockfiles of their own)");
        }
        Optional<ContentCache> contentCache = Optional.ofNullable(cache).map(c -> ContentCache.open(c, workspace));
        AtomicReference<RegistryCheckedStore.Outcome> stored = new AtomicReference<>();
        Path target = lock != null ? lock : MavenLocker.defaultLockfile(workspace);
        List<String> repositories = mavenRepos.isEmpty() ? Registries.defaults().maven() : mavenRepos;
        var result = MavenLocker.lock(workspace, command.isEmpty() ? MavenLocker.DEFAULT_COMMAND : command, quiet.console(System.err), target,
                observed -> contentCache.ifPresent(c -> stored.set(new RegistryCheckedStore(c, repositories).store(observed))));
        if (json.enabled) {
            var n = Json.object().put("lockfile", result.lockfile().toString()).put("artifacts", result.entries());
            contentCache.ifPresent(c -> n.put("cache", c.root().toString())
                    .put("storedInCache", stored.get() == null ? 0 : stored.get().stored()));
            if (stored.get() != null) {
                stored.get().unverified().forEach(n.putArray("notStored")::add);
            }
            json.result(n);
        } else {
            spec.commandLine().getOut().println("locked " + CountText.of(result.entries(), "artifact") + " in " + result.lockfile()
                    + contentCache.map(c -> "; " + (stored.get() == null ? 0 : stored.get().stored()) + " stored in the cache " + c.root()
                            + " (each checked against the sha1 " + String.join(" or ", repositories.stream().map(dev.hermeticbuild.source.SourceUri::redactedForMessage).toList()) + " publishes)").orElse(""));
        }
        if (stored.get() != null && !stored.get().unverified().isEmpty()) {
            List<String> unverified = stored.get().unverified();
            spec.commandLine().getErr().println("hermetic lock: " + CountText.of(unverified.size(), "file") + " not stored in the cache: no registry"
                    + " publishes a checksum for them, so prefetch fetches and checks them instead: "
                    + String.join(", ", unverified.subList(0, Math.min(5, unverified.size()))) + (unverified.size() > 5 ? ", ..." : ""));
        }
        return ExitCodes.OK;
    }
}
