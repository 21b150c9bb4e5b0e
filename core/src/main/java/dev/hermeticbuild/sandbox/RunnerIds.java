package dev.hermeticbuild.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The runner's own effective uid and gid, read from {@code /proc/self/status} (Java has no getuid). */
final class RunnerIds {

    private RunnerIds() {
    }

    static int euid() {
        return read()[0];
    }

    static int egid() {
        return read()[1];
    }

    private static int[] read() {
        try {
            int uid = -1;
            int gid = -1;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    uid = Integer.parseInt(line.substring(4).strip().split("\\s+")[1]);
                } else if (line.startsWith("Gid:")) {
                    gid = Integer.parseInt(line.substring(4).strip().split("\\s+")[1]);
                }
            }
            if (uid < 0 || gid < 0) {
                throw new IsolationException("/proc/self/status has no Uid:/Gid: lines; cannot tell whether the runner is root");
            }
            return new int[] {uid, gid};
        } catch (IOException e) {
            throw new IsolationException("cannot read /proc/self/status to tell whether the runner is root: " + e.getMessage(), e);
        }
    }
}
