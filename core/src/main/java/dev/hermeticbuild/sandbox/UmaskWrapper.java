package dev.hermeticbuild.sandbox;

import java.util.ArrayList;
import java.util.List;

/** Prefixes a command with a POSIX shell that sets the fixed umask and then execs the command. */
final class UmaskWrapper {

    static final String UMASK = "022";

    private UmaskWrapper() {
    }

    static List<String> wrap(List<String> command) {
        List<String> args = new ArrayList<>(List.of("/bin/sh", "-c", "umask " + UMASK + " && exec \"$@\"", "hermetic-build"));
        args.addAll(command);
        return args;
    }
}
