package dev.hermeticbuild.agent;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.build.Tier;
import dev.hermeticbuild.rebuild.Variation;
import dev.hermeticbuild.sandbox.SandboxMode;
import dev.hermeticbuild.source.SourceUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code hermetic build} command line a CI step runs on its agent, checked before anything
 * runs: a command and at least one output, a known tier and sandbox, and no release build
 * without isolation. The command runs as {@code sh -c COMMAND}, as a Jenkinsfile's {@code sh} does.
 */
public final class BuildCommandLine {

    private BuildCommandLine() {
    }

    /** The CLI arguments (after {@code java -jar hermetic.jar}) for one build writing to {@code outDir}, without a cache. */
    public static List<String> arguments(String command, List<String> outputs, String tier, String sandbox,
                                         String builderId, String outDir) {
        return arguments(command, outputs, tier, sandbox, builderId, outDir, null);
    }

    /**
     * As above, with the dependency cache (an absolute directory on the agent, filled by
     * {@code hermetic prefetch}) the build's locked inputs come from; null or blank for none.
     */
    public static List<String> arguments(String command, List<String> outputs, String tier, String sandbox,
                                         String builderId, String outDir, String cache) {
        return arguments(command, outputs, tier, sandbox, builderId, outDir, cache, null);
    }

    /**
     * As above, stating the canonical repository the workspace's checkout stands for (the job's
     * SCM URL, when the agent cloned from a mirror); null or blank for none. Credentials in it
     * are dropped, and a value that names no repository is refused before anything runs.
     */
    public static List<String> arguments(String command, List<String> outputs, String tier, String sandbox,
                                         String builderId, String outDir, String cache, String canonicalSource) {
        return arguments(command, outputs, tier, sandbox, builderId, outDir, cache, canonicalSource, null);
    }

    /**
     * As above, with the Maven lock kept outside the source tree (an absolute file on the agent,
     * passed as {@code --lock}); null or blank for the default (the committed one, else the one
     * beside the workspace).
     */
    public static List<String> arguments(String command, List<String> outputs, String tier, String sandbox,
                                         String builderId, String outDir, String cache, String canonicalSource, String lock) {
        return arguments(command, outputs, tier, sandbox, builderId, outDir, cache, canonicalSource, lock, Optional.empty(), false);
    }

    /**
     * As above, assembling {@code image} from the outputs after the command when given, and, with
     * {@code outputsToWorkspace}, copying the outputs (and the image layout) back into the
     * workspace at their names: a release build runs in a fresh export, and the steps after it
     * (signing, pushing) read the workspace.
     */
    public static List<String> arguments(String command, List<String> outputs, String tier, String sandbox, String builderId,
                                         String outDir, String cache, String canonicalSource, String lock,
                                         Optional<ImageArguments> image, boolean outputsToWorkspace) {
        if (command == null || command.isBlank()) {
            throw new InputException("command: give the build command, e.g. command: 'make dist'");
        }
        if (outputs.isEmpty()) {
            throw new InputException("outputs: name at least one output, e.g. outputs: 'dist/*.tar.gz'");
        }
        outputs.forEach(OutputGlob::new);
        Tier t = Tier.parse(tier);
        SandboxMode mode = SandboxMode.parse(sandbox);
        if (t == Tier.RELEASE && mode == SandboxMode.NONE) {
            throw new InputException("tier release needs isolation: sandbox 'none' is only allowed with tier dev");
        }
        if (cache != null && !cache.isBlank() && (!cache.startsWith("/") || cache.contains("/../") || cache.endsWith("/.."))) {
            throw new InputException("cache: " + cache + " is not an absolute directory on the agent");
        }
        if (lock != null && !lock.isBlank() && (!lock.startsWith("/") || lock.contains("/../") || lock.endsWith("/.."))) {
            throw new InputException("lock: " + lock + " is not an absolute file on the agent");
        }
        Optional<String> canonical = canonicalSource == null || canonicalSource.isBlank() ? Optional.empty()
                : Optional.of(SourceUri.canonical(canonicalSource));
        List<String> args = new ArrayList<>(List.of("build", "--out", outDir));
        for (String o : outputs) {
            args.add("--output");
            args.add(o);
        }
        args.addAll(List.of("--tier", t.cliName(), "--sandbox", mode.cliName(), "--builder-id", builderId));
        if (cache != null && !cache.isBlank()) {
            args.add("--cache");
            args.add(cache);
        }
        canonical.ifPresent(uri -> args.addAll(List.of("--canonical-source", uri)));
        if (lock != null && !lock.isBlank()) {
            args.addAll(List.of("--lock", lock));
        }
        image.ifPresent(i -> args.addAll(i.options()));
        if (outputsToWorkspace) {
            args.add("--outputs-to-workspace");
        }
        args.addAll(List.of("--", "sh", "-c", command));
        return args;
    }

    /**
     * The CLI arguments for a reproducibility check of one build: the same build options as
     * {@link #arguments}, then the variations ({@code all} or a list) and whether to normalize.
     */
    public static List<String> reproducibilityArguments(String command, List<String> outputs, String tier, String sandbox,
                                                        String builderId, String outDir, String cache, String vary, boolean normalize) {
        Variation.parse(vary == null || vary.isBlank() ? "all" : vary);
        List<String> build = arguments(command, outputs, tier, sandbox, builderId, outDir, cache);
        List<String> args = new ArrayList<>(List.of("check-reproducible"));
        int dashes = build.indexOf("--");
        args.addAll(build.subList(1, dashes));
        args.addAll(List.of("--vary", vary == null || vary.isBlank() ? "all" : vary));
        if (normalize) {
            args.add("--normalize");
        }
        args.addAll(build.subList(dashes, build.size()));
        return args;
    }

    /** What an exit code of {@code hermetic check-reproducible} means; empty when it was reproducible. */
    public static Optional<String> reproducibilityFailure(int exitCode) {
        return switch (exitCode) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of("not reproducible: the two builds differ (see the Provenance tab for the explanation)");
            case 4 -> Optional.of("the reproducibility check could not finish: one of its builds failed");
            default -> failure(exitCode);
        };
    }

    /**
     * A file the step writes into the workspace (e.g. {@code sbomFile}): relative, inside the
     * workspace, no wildcard; empty when {@code path} is null or blank.
     */
    public static Optional<String> workspaceFile(String path, String parameter) {
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        String p = path.trim();
        try {
            new OutputGlob(p);
        } catch (InputException e) {
            throw new InputException(parameter + " '" + p + "': a path relative to the workspace, without '..'", e);
        }
        if (p.matches(".*[*?\\[{].*") || p.endsWith("/")) {
            throw new InputException(parameter + " '" + p + "': name one file, without wildcards");
        }
        return Optional.of(p);
    }

    /** Splits a comma-separated list of output globs, as a step's {@code outputs} parameter holds them. */
    public static List<String> outputList(String outputs) {
        List<String> list = new ArrayList<>();
        for (String o : (outputs == null ? "" : outputs).split(",")) {
            if (!o.isBlank()) {
                list.add(o.trim());
            }
        }
        return list;
    }

    /**
     * Why a {@code hermetic build} run failed, in one line; empty for success. {@code firstOutput}
     * is the start of what the run printed: the java launcher exits 1 too (as a policy refusal
     * does) when it cannot start the jar, and says why on its first line.
     */
    public static Optional<String> failure(int exitCode, String firstOutput) {
        return launchFailure(exitCode, firstOutput).or(() -> failure(exitCode));
    }

    /** As {@link #failure(int, String)}, for {@code hermetic rebuild-check}. */
    public static Optional<String> reproducibilityFailure(int exitCode, String firstOutput) {
        return launchFailure(exitCode, firstOutput).or(() -> reproducibilityFailure(exitCode));
    }

    /** The message for an agent where {@code java} itself could not be started. */
    public static String javaNotStarted(String reason) {
        return "could not start the hermetic CLI: running 'java' on this agent failed (" + reason
                + "); the agent needs a Java 17 or newer on its PATH";
    }

    private static final List<String> LAUNCHER_ERRORS = List.of("no main manifest attribute", "Error: ",
            "Error occurred during initialization of VM", "Error occurred during initialization of boot layer",
            "Unrecognized option: ");

    /** A failure of the java launcher before our CLI ran: exit 1 and a launcher message as the first line. */
    static Optional<String> launchFailure(int exitCode, String firstOutput) {
        if (exitCode != 1 || firstOutput == null) {
            return Optional.empty();
        }
        String first = firstOutput.strip().lines().findFirst().orElse("").strip();
        if (LAUNCHER_ERRORS.stream().noneMatch(first::startsWith)) {
            return Optional.empty();
        }
        String line = first.length() > 300 ? first.substring(0, 300) + "…" : first;
        return Optional.of("could not start the hermetic CLI: java said \"" + line
                + "\" (the plugin's bundled jar is not runnable, or this agent's java is too old)");
    }

    /** Why a {@code hermetic build} exit code means failure, in one line; empty for success. */
    public static Optional<String> failure(int exitCode) {
        return switch (exitCode) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of("hermetic build refused by a policy check (reason above)");
            case 2 -> Optional.of("hermetic build refused its input (reason above)");
            case 3 -> Optional.of("isolation could not be established on this agent; the build did not run");
            case 4 -> Optional.of("the build command failed; no provenance was written");
            default -> Optional.of("hermetic build ended with exit code " + exitCode);
        };
    }

    /** Fails unless the CLI jar found on an agent has the digest of the one shipped. */
    public static void requireIntactJar(String expectedSha256, String actualSha256, String where) {
        if (!expectedSha256.equals(actualSha256)) {
            throw new InputException("the hermetic CLI jar at " + where + " has sha256 " + actualSha256
                    + ", not the shipped " + expectedSha256 + ": refusing to run it");
        }
    }
}
