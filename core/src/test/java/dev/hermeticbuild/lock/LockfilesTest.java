package dev.hermeticbuild.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each lockfile format read for real, and each parse error naming file and line. */
class LockfilesTest {

    static final String SHA = "a".repeat(64);

    @TempDir
    Path dir;

    @Test
    void hermeticLockReadsCoordinatesAndDigests() throws IOException {
        write("hermetic.lock", MavenLockfile.HEADER + "\n"
                + "info.picocli:picocli:jar:4.7.7 sha256=" + SHA + "\n"
                + "org.example:lib:jar:tests:1.0 sha256=" + SHA + "\n");
        List<LockedDependency> deps = ProjectLock.read(dir).dependencies();
        assertEquals(2, deps.size());
        assertEquals("info.picocli:picocli:jar", deps.get(0).name());
        assertEquals("pkg:maven/info.picocli/picocli@4.7.7?type=jar", deps.get(0).purl());
        assertEquals("org/example/lib/1.0/lib-1.0-tests.jar", MavenLockfile.coordinates(deps.get(1)).repositoryPath());
        assertEquals(3, deps.get(1).line());
    }

    @Test
    void hermeticLockErrorsNameTheLine() throws IOException {
        write("hermetic.lock", "# header\ninfo.picocli:picocli:4.7.7 sha256=" + SHA + "\n");
        LockfileException e = assertThrows(LockfileException.class, () -> ProjectLock.read(dir));
        assertTrue(e.getMessage().startsWith("hermetic.lock:2: "), e.getMessage());
        write("hermetic.lock", "a:b:jar:1 sha256=XYZ\n");
        e = assertThrows(LockfileException.class, () -> ProjectLock.read(dir));
        assertTrue(e.getMessage().contains("hermetic.lock:1:") && e.getMessage().contains("sha256=XYZ"), e.getMessage());
    }

    @Test
    void coordinatesThatWouldLeaveTheRepositoryAreRefused() throws IOException {
        for (String evil : List.of("..:x:jar:1", "org..evil:x:jar:1", "org:..:jar:1", "org:x:jar:../../../../etc/cron.d/x",
                "org:x/y:jar:1", ".hidden:x:jar:1")) {
            write("hermetic.lock", evil + " sha256=" + SHA + "\n");
            LockfileException e = assertThrows(LockfileException.class, () -> ProjectLock.read(dir), evil);
            assertTrue(e.getMessage().startsWith("hermetic.lock:1: '" + evil + "'"), e.getMessage());
        }
    }

    @Test
    void packageLockReadsIntegrityAsHexAndLicenses() throws IOException {
        write("package-lock.json", """
                {"name":"app","lockfileVersion":3,"packages":{
                  "":{"name":"app","dependencies":{"left-pad":"^1.3.0"}},
                  "node_modules/left-pad":{"version":"1.3.0","resolved":"https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",
                    "integrity":"sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQ9xQEW+fqjEyq/zjmz3Xs2ZCTJ8WamY5Atcw9q5wTpoaF7Q==","license":"WTFPL"},
                  "node_modules/@scope/x":{"version":"2.0.0","integrity":"sha1-AAAAAAAAAAAAAAAAAAAAAAAAAAA="}}}
                """);
        List<LockedDependency> deps = ProjectLock.read(dir).dependencies();
        assertEquals(2, deps.size());
        LockedDependency pad = deps.get(0);
        assertEquals("left-pad", pad.name());
        // expected value from coreutils: echo <base64> | base64 -d | xxd -p
        assertEquals("5c8e4c3f354d0298c0ca1433a615fc06498ab0a5310f82ddc8adb8899790f714045be7ea8c4caaff38e6cf75ecd9909327c59a998e40b5cc3dab9c13a68685ed", pad.digests().get("sha512"));
        assertEquals(List.of("WTFPL"), pad.licenses());
        assertEquals("pkg:npm/%40scope/x@2.0.0", deps.get(1).purl());
    }

    @Test
    void packageLockVersion1AndBrokenJsonAreRefusedWithALine() throws IOException {
        write("package-lock.json", "{\"lockfileVersion\":1,\"dependencies\":{}}");
        assertTrue(assertThrows(LockfileException.class, () -> ProjectLock.read(dir)).getMessage().contains("lockfileVersion 1"));
        write("package-lock.json", "{\n\"lockfileVersion\": 3,\n\"packages\": {,}\n}");
        LockfileException e = assertThrows(LockfileException.class, () -> ProjectLock.read(dir));
        assertTrue(e.getMessage().startsWith("package-lock.json:3:"), e.getMessage());
    }

    @Test
    void goSumSkipsGoModLinesAndKeepsH1() throws IOException {
        write("go.sum", "golang.org/x/text v0.14.0 h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=\n"
                + "golang.org/x/text v0.14.0/go.mod h1:18ZOQIKpY8NJVqYksKHtTdi31H5itFRjB5/qKTNYzSU=\n");
        List<LockedDependency> deps = ProjectLock.read(dir).dependencies();
        assertEquals(1, deps.size());
        assertEquals("ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=", deps.get(0).digests().get("h1"));
        write("go.sum", "golang.org/x/text v0.14.0\n");
        assertTrue(assertThrows(LockfileException.class, () -> ProjectLock.read(dir)).getMessage().startsWith("go.sum:1:"));
        write("go.sum", "golang.org/x/text v0.14.0 h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=\n"
                + "golang.org/x/net v0.1.0 h1:abc=\n");
        String bad = assertThrows(LockfileException.class, () -> ProjectLock.read(dir)).getMessage();
        assertTrue(bad.startsWith("go.sum:2:") && bad.contains("golang.org/x/net@v0.1.0 is not base64 SHA-256"), bad);
    }

    @Test
    void cargoLockReadsPackagesAndChecksums() throws IOException {
        write("Cargo.lock", """
                # This file is automatically @generated by Cargo.
                version = 3

                [[package]]
                name = "app"
                version = "0.1.0"
                dependencies = [
                 "itoa",
                ]

                [[package]]
                name = "itoa"
                version = "1.0.11"
                source = "registry+https://github.com/rust-lang/crates.io-index"
                checksum = "49f1f14873335454500d59611f1cf4a4b0f786f9ac11f4312a78e4cf2566695b"
                """);
        List<LockedDependency> deps = ProjectLock.read(dir).dependencies();
        assertEquals(2, deps.size());
        assertEquals(Map.of("local", "path"), deps.get(0).digests());
        assertEquals("49f1f14873335454500d59611f1cf4a4b0f786f9ac11f4312a78e4cf2566695b", deps.get(1).sha256().orElseThrow());
        assertEquals(11, deps.get(1).line(), "the line of its [[package]] header");
    }

    @Test
    void requirementsJoinContinuationLinesAndReadHashes() throws IOException {
        write("requirements.txt", "# pinned\n--index-url https://pypi.org/simple\nrequests==2.32.3 \\\n    --hash=sha256:" + SHA + "\nidna>=3\n");
        List<LockedDependency> deps = ProjectLock.read(dir).dependencies();
        assertEquals(2, deps.size());
        assertEquals("2.32.3", deps.get(0).version());
        assertEquals(SHA, deps.get(0).sha256().orElseThrow());
        assertEquals(3, deps.get(0).line());
        assertEquals(">=3", deps.get(1).version());
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }
}
