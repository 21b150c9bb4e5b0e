package dev.hermeticbuild.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.digest.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Maven lock outside the source tree: found beside it or given, and refused wherever the build could write it. */
class ExternalLockTest {

    static final String SHA = "a".repeat(64);
    static final String LOCK = "org.example:lib:jar:1.0 sha256=" + SHA + "\n";

    @TempDir
    Path dir;
    Path workspace;

    @BeforeEach
    void project() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        workspace = Files.createDirectory(dir.resolve("app"));
        Files.writeString(workspace.resolve("pom.xml"), "<project/>");
    }

    @Test
    void theLockBesideTheSourceIsReadByDigestAndNamedByItsPath() throws Exception {
        Path beside = Files.writeString(dir.resolve("app.hermetic.lock"), LOCK);
        assertEquals(Optional.of(beside), ExternalLock.besideSource(workspace));
        ProjectLock lock = ProjectLock.forWorkspace(workspace, Optional.empty());
        assertTrue(lock.hasMavenLock());
        assertEquals(List.of(beside.toRealPath().toString()), lock.lockfiles());
        assertEquals("org.example:lib:jar", lock.dependencies().get(0).name());
        assertEquals("app.hermetic.lock:1 org.example:lib:jar@1.0", lock.dependencies().get(0).where());
        ExternalLock external = lock.external().orElseThrow();
        assertEquals(Sha256.ofFile(beside), external.sha256());
        assertEquals(ExternalLock.BESIDE_SOURCE, external.origin());
    }

    @Test
    void aCommittedLockKeepsWorkingAndWinsOverTheDefault() throws Exception {
        Files.writeString(workspace.resolve(MavenLockfile.FILE), LOCK);
        Files.writeString(dir.resolve("app.hermetic.lock"), "org.other:x:jar:2.0 sha256=" + SHA + "\n");
        ProjectLock lock = ProjectLock.forWorkspace(workspace, Optional.empty());
        assertTrue(lock.external().isEmpty());
        assertEquals(List.of(MavenLockfile.FILE), lock.lockfiles());
        assertEquals("org.example:lib:jar", lock.dependencies().get(0).name());
    }

    @Test
    void aGivenLockAndACommittedOneIsAmbiguous() throws Exception {
        Files.writeString(workspace.resolve(MavenLockfile.FILE), LOCK);
        Path given = Files.writeString(dir.resolve("other.lock"), LOCK);
        InputException e = assertThrows(InputException.class, () -> ProjectLock.forWorkspace(workspace, Optional.of(given)));
        assertTrue(e.getMessage().contains("--lock " + given) && e.getMessage().contains("use one or the other"), e.getMessage());
    }

    @Test
    void aLockWhereTheBuildCanWriteIsRefusedRealPathsCompared() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out"));
        Path inOut = Files.writeString(out.resolve("hermetic.lock"), LOCK);
        InputException e = assertThrows(InputException.class,
                () -> ExternalLock.find(Optional.of(inOut), workspace, workspace, List.of(workspace, out)));
        assertTrue(e.getMessage().contains("lies where the build can write"), e.getMessage());

        Path inWorkspace = Files.writeString(workspace.resolve("locks.txt"), LOCK);
        Path link = Files.createSymbolicLink(dir.resolve("innocent.lock"), inWorkspace);
        e = assertThrows(InputException.class, () -> ExternalLock.find(Optional.of(link), workspace, workspace, List.of(workspace)));
        assertTrue(e.getMessage().contains("lies where the build can write") && e.getMessage().contains(inWorkspace.toRealPath().toString()),
                e.getMessage());
    }

    @Test
    void aLockOthersCouldChangeIsRefused() throws Exception {
        Path lock = Files.writeString(dir.resolve("app.hermetic.lock"), LOCK);
        Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("rw-rw-r--"));
        InputException e = assertThrows(InputException.class, () -> ProjectLock.forWorkspace(workspace, Optional.empty()));
        assertTrue(e.getMessage().contains("writable by group or others") && e.getMessage().contains("chmod go-w"), e.getMessage());

        Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        e = assertThrows(InputException.class, () -> ProjectLock.forWorkspace(workspace, Optional.empty()));
        assertTrue(e.getMessage().contains("directory " + dir.toRealPath() + " above it is writable by group or others"), e.getMessage());
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aLockTheBuildUserOwnsIsRefused() throws Exception {
        assumeTrue(isRoot(), "only root can give a file to another uid");
        Path lock = Files.writeString(dir.resolve("app.hermetic.lock"), LOCK);
        Files.setAttribute(lock, "unix:uid", 64000);
        InputException e = assertThrows(InputException.class, () -> ProjectLock.forWorkspace(workspace, Optional.empty()));
        assertTrue(e.getMessage().contains("belongs to uid 64000"), e.getMessage());
    }

    @Test
    void aMissingGivenLockIsNamed() {
        Path missing = dir.resolve("nope.lock");
        InputException e = assertThrows(InputException.class, () -> ProjectLock.forWorkspace(workspace, Optional.of(missing)));
        assertTrue(e.getMessage().startsWith("--lock " + missing + ": no such lock file"), e.getMessage());
    }

    static boolean isRoot() throws Exception {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    }
}
