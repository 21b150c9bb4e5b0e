package dev.hermeticbuild.build;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Recognises in a failed build's log the marks of a tool that reached for the network (Maven,
 * Gradle, npm, curl, the C library's resolver), which the sandbox never gives a build, and says
 * what to do instead. It names the mark it saw, never the log line, which may hold a credential.
 */
public final class NetworkFailureHint {

    /** What tools print when a name does not resolve or no route leads out, as they print it. */
    static final List<String> MARKS = List.of("UnknownHostException", "Could not transfer artifact", "Network is unreachable",
            "ENOTFOUND", "EAI_AGAIN", "ENOTCACHED", "Could not resolve host", "Temporary failure in name resolution");

    private NetworkFailureHint() {
    }

    /** The hint for a failed build whose {@code log} shows a network failure; empty when it shows none or cannot be read. */
    public static Optional<String> forLog(Path log) {
        return firstMark(log).map(mark -> "the build log shows a network failure ('" + mark + "'): the sandbox has no network."
                + " Lock and fetch the dependencies first (hermetic lock, then hermetic prefetch --cache DIR), then build with"
                + " --cache DIR; the build then reads them from the cache offline");
    }

    static Optional<String> firstMark(Path log) {
        try (BufferedReader lines = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                for (String mark : MARKS) {
                    if (line.contains(mark)) {
                        return Optional.of(mark);
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
