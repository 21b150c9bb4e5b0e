package dev.hermeticbuild.testing;

import dev.hermeticbuild.digest.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Statements in the layout the build engine writes (in-toto Statement v1 + SLSA Provenance v1),
 * built by hand for tests.
 */
public final class Fixtures {

    /** The commit recorded by {@link #provenance}. */
    public static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private Fixtures() {
    }

    /** Lowercase hex SHA-256 of a file. */
    public static String sha256(Path file) {
        return HexFormat.of().formatHex(Sha256.bytesOfFile(file, "test file"));
    }

    /** A release-tier, hermetic provenance statement for the given subjects (name, sha256 pairs). */
    public static String provenance(String... nameDigest) {
        return provenance("release", true, true, "2026-11-28T10:05:00Z", nameDigest);
    }

    /** A provenance statement with the given tier, isolation flags and finish time. */
    public static String provenance(String tier, boolean hermetic, boolean egressBlocked, String finishedOn,
                                    String... nameDigest) {
        StringBuilder subjects = new StringBuilder();
        for (int i = 0; i < nameDigest.length; i += 2) {
            subjects.append(i > 0 ? "," : "").append("{\"name\":\"").append(nameDigest[i])
                    .append("\",\"digest\":{\"sha256\":\"").append(nameDigest[i + 1]).append("\"}}");
        }
        return "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[" + subjects + "],"
                + "\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{"
                + "\"buildDefinition\":{\"buildType\":\"https://hermetic-build.dev/build/v1\","
                + "\"externalParameters\":{\"command\":[\"make\"],\"tier\":\"" + tier + "\",\"outputs\":[\"build/*.jar\"]},"
                + "\"internalParameters\":{\"isolation\":{\"mechanism\":\"bubblewrap\",\"hermetic\":" + hermetic
                + ",\"egressBlocked\":" + egressBlocked + "}},"
                + "\"resolvedDependencies\":[{\"name\":\"source\",\"uri\":\"git+https://git.example.com/app.git\","
                + "\"digest\":{\"gitCommit\":\"" + COMMIT + "\"}}]},"
                + "\"runDetails\":{\"builder\":{\"id\":\"https://ci.example.com/hermetic\"},"
                + "\"metadata\":{\"invocationId\":\"inv-1\",\"startedOn\":\"2026-11-28T10:00:00Z\","
                + "\"finishedOn\":\"" + finishedOn + "\"},\"byproducts\":[]}}}";
    }

    /** Writes {@code text} to {@code file} and returns the file. */
    public static Path write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
