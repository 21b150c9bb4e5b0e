package dev.hermeticbuild.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.lock.NpmLockfile;
import dev.hermeticbuild.testing.CycloneDxJs;
import dev.hermeticbuild.testing.Cmd;
import dev.hermeticbuild.testing.NpmPackages;
import dev.hermeticbuild.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our SBOMs checked by independent implementations: npm's {@code @cyclonedx/cyclonedx-library}
 * strict CycloneDX 1.6 JSON validator, and {@code packageurl-js} for every purl in them.
 * Skips without node/npm on a developer machine; fails under CI=true.
 */
class CycloneDxJsInteropTest {

    @BeforeEach
    void needsNode() {
        Tools.require("node/npm", NpmPackages.available(), "the SBOM interop test runs @cyclonedx/cyclonedx-library and packageurl-js under Node.js");
    }

    @Test
    void theMavenSbomWithFormulationOutputsAndImageIsStrictlyValidAndEveryPurlParses(@TempDir Path dir) throws Exception {
        Path sbom = dir.resolve("maven.cdx.json");
        Files.write(sbom, new SbomFixtures(dir).create().json());
        Cmd.Result r = CycloneDxJs.validate(sbom);
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("VALID 7 purls", r.output().strip(), "the root, 2 run-time components, the plugin, the parent POM, the JDK, the image");
    }

    @Test
    void theNpmSbomFromALockfileIsStrictlyValidAndEveryPurlParses(@TempDir Path dir) throws Exception {
        NpmDependencyGraphTest.project(dir);
        var doc = CycloneDxSbom.create(List.of(), NpmDependencyGraph.read(dir), NpmLockfile.read(dir.resolve("package-lock.json")),
                List.of(), SbomContext.at(0));
        Path sbom = dir.resolve("npm.cdx.json");
        Files.write(sbom, doc.json());
        Cmd.Result r = CycloneDxJs.validate(sbom);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().startsWith("VALID "), r.output());
    }

    @Test
    void theValidatorRejectsWhatIsNotStrictCycloneDxOrNotAPurl(@TempDir Path dir) throws Exception {
        Path sbom = dir.resolve("bad.cdx.json");
        Files.writeString(sbom, "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"extra\":true,"
                + "\"components\":[{\"type\":\"library\",\"name\":\"x\",\"purl\":\"pkg:maven/only-a-name@1\"}]}", StandardCharsets.UTF_8);
        Cmd.Result r = CycloneDxJs.validate(sbom);
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("must NOT have additional properties"), r.output());
        assertTrue(r.output().contains("purl pkg:maven/only-a-name@1"), r.output());
    }
}
