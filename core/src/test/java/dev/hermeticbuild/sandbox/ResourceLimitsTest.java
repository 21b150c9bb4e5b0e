package dev.hermeticbuild.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing and validating limits as {@code --limit NAME=VALUE} gives them, and the uid of the build user. */
class ResourceLimitsTest {

    @Test
    void eachLimitIsSetByNameWithUnitsAndTheOthersKeepTheirDefaults() {
        ResourceLimits l = ResourceLimits.DEFAULTS.with(List.of("nproc=512", "memory=512m", "cpu=20m", "file-size=1g",
                "outputs=100MiB", "tmpfs=64k"));
        assertEquals(new ResourceLimits(512, 512L << 20, 1200, 1L << 30, 100L << 20, 64L << 10), l);
        assertEquals(7200, ResourceLimits.DEFAULTS.with("cpu=2h").cpuSeconds());
        assertEquals(90, ResourceLimits.DEFAULTS.with("CPU=90").cpuSeconds());
        assertEquals(ResourceLimits.DEFAULTS.memoryBytes(), l.with("nproc=64").memoryBytes() * 16);
    }

    @Test
    void badLimitsAreRefusedNamingTheLimit() {
        for (String bad : List.of("nproc", "nproc=", "nproc=-1", "nproc=4", "memory=0", "memory=8x", "cpu=1d", "disk=1g",
                "outputs=99999999999999t")) {
            InputException e = assertThrows(InputException.class, () -> ResourceLimits.DEFAULTS.with(bad), bad);
            assertTrue(e.getMessage().contains(bad.contains("=") ? bad.substring(0, bad.indexOf('=')).toLowerCase() : bad), e.getMessage());
        }
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertEquals("{nproc=4096, memoryBytes=8589934592, cpuSeconds=7200, fileSizeBytes=8589934592, outputsBytes=4294967296,"
                + " tmpfsBytes=2147483648, coreBytes=0}", ResourceLimits.DEFAULTS.byName().toString());
        assertEquals(List.of("--nproc=4096:4096", "--data=8589934592:8589934592", "--cpu=7200:7205",
                "--fsize=8589934592:8589934592", "--core=0:0"), ResourceLimits.DEFAULTS.prlimitArguments());
    }

    @Test
    void theBuildUserIsNeverRootNorNobodyAndParsesUidOrUidColonGid() {
        assertEquals(new BuildUser(64000, 64000), BuildUser.parse("64000", "--build-uid"));
        assertEquals(new BuildUser(30001, 30000), BuildUser.parse(" 30001:30000 ", "--build-uid"));
        for (String bad : List.of("0", "0:64000", "64000:0", "65534", "root", "-1", "1:2:3", "")) {
            InputException e = assertThrows(InputException.class, () -> BuildUser.parse(bad, "--build-uid"), bad);
            assertTrue(e.getMessage().startsWith("--build-uid"), e.getMessage());
        }
    }

    @Test
    void theLaunchPrefixDropsToTheBuildUserOnlyWhenTheRunnerIsRoot() {
        List<String> prefix = BuildUser.DEFAULT.launchPrefix(java.nio.file.Path.of("/usr/bin/setpriv"));
        if (BuildUser.DEFAULT.applies()) {
            assertEquals(List.of("/usr/bin/setpriv", "--reuid=64000", "--regid=64000", "--clear-groups", "--inh-caps=-all",
                    "--ambient-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"), prefix);
        } else {
            assertEquals(List.of(), prefix);
        }
    }
}
