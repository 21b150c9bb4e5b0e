package dev.hermeticbuild.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkFarmTest {

    private static final LinkFarm FARM = new LinkFarm("/home/builder/.m2/repository", List.of("org", "org/a"),
            Map.of("org/a/a.jar", "/opt/hermetic/dependencies/sha256-00"));

    @Test
    void pathsThatCouldLeaveTheFarmAreRefused() {
        for (String bad : List.of("", "/etc/passwd", "../x", "org/../../x", "org//a", "org/./a", "a\0b")) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> new LinkFarm("/home/builder/r", List.of(bad), Map.of()), bad);
            assertTrue(e.getMessage().startsWith("not a relative path inside a link farm"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new LinkFarm("/home/builder/r", List.of(), Map.of(bad, "/t")), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new LinkFarm("relative", List.of(), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new LinkFarm("/home/../etc", List.of(), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new LinkFarm("/home/r", List.of(), Map.of("a", "")));
    }

    @Test
    void bubblewrapMountsATmpfsSizedLikeTheOthersAndMakesEachDirectoryBeforeTheLinksInIt() {
        SandboxSpec spec = new SandboxSpec(Path.of("/tmp/ws"), List.of(), Map.of()).withLinkFarm(Optional.of(FARM));
        List<String> args = new BubblewrapSandbox(Path.of("/usr/bin/bwrap"), Optional.empty()).commandLine(spec, List.of("true"));
        int tmpfs = args.indexOf("/home/builder/.m2/repository");
        assertEquals("--tmpfs", args.get(tmpfs - 1));
        assertTrue(args.indexOf("/home/builder") < tmpfs, "the farm's tmpfs is mounted over HOME, after it");
        int org = args.indexOf("/home/builder/.m2/repository/org");
        int orgA = args.indexOf("/home/builder/.m2/repository/org/a");
        int link = args.indexOf("/home/builder/.m2/repository/org/a/a.jar");
        assertTrue(tmpfs < org && org < orgA && orgA < link, args.toString());
        assertEquals(List.of("--symlink", "/opt/hermetic/dependencies/sha256-00"), args.subList(link - 2, link));
    }

    @Test
    void sandboxesThatDoNotLayOutFarmsRefuseASpecWithOne() {
        SandboxSpec spec = new SandboxSpec(Path.of("/tmp/ws"), List.of(), Map.of()).withLinkFarm(Optional.of(FARM));
        assertFalse(new NoSandbox().laysOutLinkFarms());
        assertThrows(IsolationException.class, () -> new NoSandbox().commandLine(spec, List.of("true")));
    }

    @Test
    void aFarmTooLargeForTheCommandLineSaysSo() {
        Map<String, String> links = new HashMap<>();
        for (int i = 0; i < 5000; i++) {
            links.put("org/example/artifact-" + i + "/1.0/artifact-" + i + "-1.0.jar", "/opt/hermetic/dependencies/sha256-" + "0".repeat(64));
        }
        assertFalse(new LinkFarm("/home/builder/.m2/repository", List.of(), links).fitsOnCommandLine());
        assertTrue(FARM.fitsOnCommandLine());
    }
}
