package dev.hermeticbuild.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hermeticbuild.InputException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildCommandLineTest {

    @Test
    void buildsTheCliArguments() {
        assertEquals(List.of("build", "--out", "/o", "--output", "dist/*.tar.gz", "--output", "b/**",
                        "--tier", "release", "--sandbox", "auto", "--builder-id", "https://ci/", "--", "sh", "-c", "make dist"),
                BuildCommandLine.arguments("make dist", List.of("dist/*.tar.gz", "b/**"), "release", "auto", "https://ci/", "/o"));
    }

    @Test
    void theDependencyCacheGoesBeforeTheCommand() {
        assertEquals(List.of("build", "--out", "/o", "--output", "target/*.jar", "--tier", "release", "--sandbox", "auto",
                        "--builder-id", "b", "--cache", "/ws@tmp/hermetic-cache", "--", "sh", "-c", "mvn -o package"),
                BuildCommandLine.arguments("mvn -o package", List.of("target/*.jar"), "release", "auto", "b", "/o",
                        "/ws@tmp/hermetic-cache"));
        assertEquals(BuildCommandLine.arguments("make", List.of("a"), "dev", "auto", "b", "/o"),
                BuildCommandLine.arguments("make", List.of("a"), "dev", "auto", "b", "/o", " "));
    }

    @Test
    void misuseFailsWithOneLineReasons() {
        assertEquals("command: give the build command, e.g. command: 'make dist'", assertThrows(InputException.class,
                () -> BuildCommandLine.arguments(" ", List.of("a"), "dev", "auto", "b", "/o")).getMessage());
        assertEquals("outputs: name at least one output, e.g. outputs: 'dist/*.tar.gz'", assertThrows(InputException.class,
                () -> BuildCommandLine.arguments("make", List.of(), "dev", "auto", "b", "/o")).getMessage());
        assertEquals("tier release needs isolation: sandbox 'none' is only allowed with tier dev",
                assertThrows(InputException.class,
                        () -> BuildCommandLine.arguments("make", List.of("a"), "release", "none", "b", "/o")).getMessage());
        assertEquals("--tier prod: expected dev or release", assertThrows(InputException.class,
                () -> BuildCommandLine.arguments("make", List.of("a"), "prod", "auto", "b", "/o")).getMessage());
        assertThrows(InputException.class,
                () -> BuildCommandLine.arguments("make", List.of("../x"), "dev", "auto", "b", "/o"));
    }

    @Test
    void aFileTheStepWritesStaysInTheWorkspace() {
        assertEquals(Optional.of("hermetic/sbom.cdx.json"), BuildCommandLine.workspaceFile(" hermetic/sbom.cdx.json ", "sbomFile"));
        assertEquals(Optional.empty(), BuildCommandLine.workspaceFile(" ", "sbomFile"));
        assertEquals("sbomFile '../sbom.json': a path relative to the workspace, without '..'", assertThrows(InputException.class,
                () -> BuildCommandLine.workspaceFile("../sbom.json", "sbomFile")).getMessage());
        assertEquals("sbomFile '/tmp/sbom.json': a path relative to the workspace, without '..'", assertThrows(InputException.class,
                () -> BuildCommandLine.workspaceFile("/tmp/sbom.json", "sbomFile")).getMessage());
        assertEquals("sbomFile 'out/*.json': name one file, without wildcards", assertThrows(InputException.class,
                () -> BuildCommandLine.workspaceFile("out/*.json", "sbomFile")).getMessage());
    }

    @Test
    void outputsAreCommaSeparated() {
        assertEquals(List.of("dist/*.tar.gz", "b/*.jar"), BuildCommandLine.outputList(" dist/*.tar.gz, b/*.jar,"));
        assertEquals(List.of(), BuildCommandLine.outputList(null));
    }

    @Test
    void exitCodesExplainThemselves() {
        assertEquals(Optional.empty(), BuildCommandLine.failure(0));
        assertEquals("isolation could not be established on this agent; the build did not run",
                BuildCommandLine.failure(3).orElseThrow());
        assertEquals("hermetic build ended with exit code 137", BuildCommandLine.failure(137).orElseThrow());
    }

    @Test
    void aTamperedJarIsRefused() {
        BuildCommandLine.requireIntactJar("ab", "ab", "agent:/x.jar");
        assertEquals("the hermetic CLI jar at agent:/x.jar has sha256 cd, not the shipped ab: refusing to run it",
                assertThrows(InputException.class, () -> BuildCommandLine.requireIntactJar("ab", "cd", "agent:/x.jar"))
                        .getMessage());
    }

    @Test
    void aCacheIsPassedOnlyAsAnAbsoluteAgentDirectory() {
        assertEquals(List.of("build", "--out", "/o", "--output", "a", "--tier", "dev", "--sandbox", "auto",
                        "--builder-id", "b", "--cache", "/cache/hermetic", "--", "sh", "-c", "make"),
                BuildCommandLine.arguments("make", List.of("a"), "dev", "auto", "b", "/o", "/cache/hermetic"));
        assertEquals("cache: cache/hermetic is not an absolute directory on the agent", assertThrows(dev.hermeticbuild.InputException.class,
                () -> BuildCommandLine.arguments("make", List.of("a"), "dev", "auto", "b", "/o", "cache/hermetic")).getMessage());
    }
}
