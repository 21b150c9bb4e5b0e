package dev.hermeticbuild.sandbox;

import java.util.ArrayList;
import java.util.List;

/** Prefixes a command with a POSIX shell that sets the fixed umask and then execs the command. */
final class UmaskWrapper {

    private UmaskWrapper() {
    }

    static List<String> wrap(String umask, List<String> command) {
        List<String> args = new ArrayList<>(List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"", "hermetic-build"));
        args.addAll(command);
        return args;
    }
}
