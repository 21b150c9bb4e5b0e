package dev.hermeticbuild.cli;

import dev.hermeticbuild.lock.MavenLocker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hermetic lock}: writes hermetic.lock for a Maven project from what a real build resolves. */
@Command(name = "lock", description = "Write DIR/hermetic.lock: every artifact a Maven build resolves (plugins included), with sha256.")
final class LockCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "-C", paramLabel = "DIR", description = "The Maven project (default: current directory).")
    Path workspace = Path.of(".");

    @Parameters(paramLabel = "COMMAND", description = "The locking build after -- (default: mvn -B package). Runs with network, in a copy of DIR.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        if (!java.nio.file.Files.isRegularFile(workspace.resolve("pom.xml"))) {
            throw new dev.hermeticbuild.InputException("-C " + workspace + ": no pom.xml; hermetic lock writes locks for Maven projects"
                    + " (npm, Go, Cargo and pip have lockfiles of their own)");
        }
        var result = MavenLocker.lock(workspace, command.isEmpty() ? MavenLocker.DEFAULT_COMMAND : command, System.err);
        spec.commandLine().getOut().println("locked " + result.entries() + " artifacts in " + result.lockfile());
        return ExitCodes.OK;
    }
}
