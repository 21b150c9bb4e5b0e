package dev.hermeticbuild.artifacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The mode an output copy gets in OUT: {@code 0755} if the build left it executable, else
 * {@code 0644}. Nothing else of the build's mode survives: no setuid, setgid or sticky bit, no
 * group or world write.
 */
final class PlainMode {

    private PlainMode() {
    }

    static void apply(Path source, Path copy) throws IOException {
        boolean executable = Files.getPosixFilePermissions(source, LinkOption.NOFOLLOW_LINKS)
                .contains(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    }
}
