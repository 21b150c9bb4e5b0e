package dev.hermeticbuild.testing;

import java.nio.file.Path;
import java.util.Map;

/**
 * npm's {@code @cyclonedx/cyclonedx-library} 10.3.0 (strict JSON schema validator, with ajv 8,
 * ajv-formats 3, ajv-formats-draft2019) and {@code packageurl-js}, pinned by
 * core/src/test/cyclonedx-js/package-lock.json: independent checks of our SBOMs, run through validate.js.
 */
public final class CycloneDxJs {

    private static final Path SOURCE = Path.of("src/test/cyclonedx-js");
    private static final Path WORK = Path.of("target/cyclonedx-js");

    private CycloneDxJs() {
    }

    /** Installs the pinned packages once per lockfile content; returns the script directory. */
    public static Path install() {
        return NpmPackages.install(SOURCE, WORK, "node_modules/@cyclonedx/cyclonedx-library", "package.json", "package-lock.json",
                "validate.js");
    }

    /** Runs validate.js on an SBOM; the output says {@code VALID n purls} or {@code INVALID} and each problem. */
    public static Cmd.Result validate(Path sbom) {
        return Cmd.exec(Map.of(), install(), "node", "validate.js", sbom.toAbsolutePath().toString());
    }
}
