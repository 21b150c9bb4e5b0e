package dev.hermeticbuild.cli;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.artifacts.Artifact;
import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.build.BuildRequest;
import dev.hermeticbuild.build.BuildResult;
import dev.hermeticbuild.build.HermeticBuild;
import dev.hermeticbuild.build.Tier;
import dev.hermeticbuild.sandbox.SandboxMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hermetic demo}: the whole chain on {@code examples/hello}. The example is committed
 * into a fresh git repository (fixed author and date, so the commit id and the jar are the same
 * on every run), then built at the release tier in the sandbox.
 */
@Command(name = "demo", description = "Build examples/hello hermetically at the release tier and show its provenance.")
final class DemoCommand implements Callable<Integer> {

    static final Instant DEMO_COMMIT_TIME = Instant.parse("2026-01-01T00:00:00Z");

    @Spec
    CommandSpec spec;

    @Option(names = "--examples", paramLabel = "DIR", description = "The examples directory (default: $HERMETIC_HOME/examples, else ./examples).")
    Path examples;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the demo writes its workspace and results (default: ./hermetic-demo).")
    Path out = Path.of("hermetic-demo");

    @Option(names = "--sandbox", paramLabel = "MODE", description = "auto|bubblewrap|unshare (default auto).")
    String sandbox = "auto";

    @Override
    public Integer call() throws IOException {
        Path hello = examplesDir().resolve("hello");
        if (!Files.isRegularFile(hello.resolve("Makefile"))) {
            throw new InputException("demo: " + hello + " has no Makefile; run from the hermetic-build checkout or pass --examples");
        }
        Path root = out.toAbsolutePath().normalize();
        deleteTree(root);
        Path workspace = root.resolve("workspace/hello");
        copyTree(hello, workspace);
        String commit = commitAll(workspace);
        PrintWriter o = spec.commandLine().getOut();
        o.println("demo: examples/hello committed as " + commit + " in " + workspace);
        o.println("demo: release build in the sandbox: make");
        BuildRequest request = new BuildRequest(workspace, root.resolve("out"), List.of(new OutputGlob("build/*.jar")),
                List.of("make"), SandboxMode.parse(sandbox), Tier.RELEASE, BuildRequest.DEFAULT_BUILDER_ID, List.of(),
                BuildRequest.DEFAULT_TIMEOUT, Optional.ofNullable(System.getenv("HERMETIC_IMAGE_DIGEST")).filter(s -> !s.isBlank()));
        BuildResult result = HermeticBuild.run(request, System.out, System.getenv());
        if (!result.succeeded()) {
            spec.commandLine().getErr().println("demo: the example build failed (exit " + result.exitCode() + "); log: " + result.buildLog());
            return ExitCodes.BUILD_FAILED;
        }
        o.println();
        o.println("isolation:  " + BuildCommand.describe(result.egress()));
        for (Artifact a : result.artifacts()) {
            o.println("output:     " + a.path() + "  sha256:" + a.sha256());
        }
        o.println("provenance: " + result.provenanceFile().orElseThrow());
        o.println("build log:  " + result.buildLog());
        return ExitCodes.OK;
    }

    private Path examplesDir() {
        if (examples != null) {
            return examples;
        }
        String home = System.getenv("HERMETIC_HOME");
        return home != null ? Path.of(home, "examples") : Path.of("examples");
    }

    private static String commitAll(Path workspace) {
        PersonIdent who = new PersonIdent("hermetic demo", "demo@hermetic-build.dev", DEMO_COMMIT_TIME, ZoneOffset.UTC);
        try (Git git = Git.init().setDirectory(workspace.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            return git.commit().setMessage("examples/hello").setAuthor(who).setCommitter(who).setSign(false).call().getName();
        } catch (GitAPIException e) {
            throw new InputException("demo: cannot commit the example into " + workspace + ": " + e.getMessage(), e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path rel = from.relativize(p);
                if (rel.startsWith("build")) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
