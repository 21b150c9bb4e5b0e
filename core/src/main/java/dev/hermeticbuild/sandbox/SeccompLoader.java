package dev.hermeticbuild.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The last step of the unshare fallback before the build command: a Perl one-liner (perl-base is
 * Essential in Debian, and util-linux's setpriv cannot load seccomp programs) that starts a new
 * session (so the build has no controlling terminal), sets no_new_privs, installs the
 * {@link SeccompFilter} with PR_SET_SECCOMP and execs the command. Any failure stops it before
 * the command runs.
 */
final class SeccompLoader {

    private static final String SESSION = """
            use strict;
            syscall(%1$d) >= 0 or die "hermetic loader: setsid: $!\\n";
            syscall(%2$d, 38, 1, 0, 0, 0) == 0 or die "hermetic loader: PR_SET_NO_NEW_PRIVS: $!\\n";
            """;

    private static final String FILTER = """
            my $prog = pack("H*", shift @ARGV);
            my $fprog = pack("S x![P] P", length($prog) / 8, $prog);
            syscall(%2$d, 22, 2, $fprog, 0, 0) == 0 or die "hermetic loader: PR_SET_SECCOMP: $!\\n";
            """;

    private static final String EXEC = """
            exec { $ARGV[0] } @ARGV;
            die "hermetic loader: cannot run $ARGV[0]: $!\\n";
            """;

    private SeccompLoader() {
    }

    /** The command prefix that sets up the session and {@code filter}, then runs the arguments that follow it. */
    static List<String> command(Path perl, Optional<SeccompFilter> filter) {
        SeccompFilter.Architecture arch = filter.map(SeccompFilter::architecture).orElseGet(SeccompFilter.Architecture::ofHost);
        int setsid = arch == SeccompFilter.Architecture.X86_64 ? 112 : 157;
        int prctl = arch == SeccompFilter.Architecture.X86_64 ? 157 : 167;
        String script = String.format(SESSION + (filter.isPresent() ? FILTER : "") + EXEC, setsid, prctl);
        List<String> command = new ArrayList<>(List.of(perl.toString(), "-e", script, "--"));
        filter.ifPresent(f -> command.add(HexFormat.of().formatHex(f.program())));
        return command;
    }
}
