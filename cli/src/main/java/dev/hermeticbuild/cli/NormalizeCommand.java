package dev.hermeticbuild.cli;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.rebuild.Normalizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hermetic normalize}: fix the usual archive culprits in place (entry times and order, owners, gzip header time). */
@Command(name = "normalize", description = "Normalize zip/jar, tar, tar.gz and gzip files in place: sorted entries, fixed times, no owners.")
final class NormalizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--epoch", paramLabel = "SECONDS", description = "The time written into entries (default: $SOURCE_DATE_EPOCH, else 1980-01-01).")
    Long epoch;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Archives to normalize in place.")
    List<Path> files;

    @picocli.CommandLine.Mixin
    JsonOption json;

    @Override
    public Integer call() {
        long time = epoch != null ? epoch : parseEpoch(System.getenv("SOURCE_DATE_EPOCH"));
        var result = Json.object();
        var list = result.putArray("files");
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new InputException(f + ": not a file");
            }
            String before = Sha256.ofFile(f);
            boolean changed = Normalizer.normalize(f, time);
            String after = changed ? Sha256.ofFile(f) : before;
            list.addObject().put("file", f.toString()).put("changed", changed).put("sha256Before", before).put("sha256", after);
            if (!json.enabled) {
                spec.commandLine().getOut().println((changed ? "normalized " : "unchanged  ") + f + "  sha256:"
                        + (changed ? before + " -> " + after : before));
            }
        }
        json.result(result);
        return ExitCodes.OK;
    }

    private static long parseEpoch(String value) {
        if (value == null || value.isBlank()) {
            return 315532800L;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InputException("SOURCE_DATE_EPOCH " + value + ": not a number of seconds");
        }
    }
}
