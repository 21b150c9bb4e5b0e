package dev.hermeticbuild.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The egress probe as a Perl script (perl-base is Essential in Debian and every sandbox here sees
 * the host's {@code /usr}): the same targets, the same output as {@link EgressProbe}, without
 * starting a second JVM inside the sandbox. Perl's core Socket module makes the attempts; a TCP
 * connect gives up after {@link EgressProbe#CONNECT_TIMEOUT_MILLIS}.
 */
final class EgressProbeScript {

    private static final String SCRIPT = """
            use strict;
            use Socket qw(AF_INET AF_INET6 AF_UNIX SOCK_STREAM SOCK_DGRAM inet_pton pack_sockaddr_in pack_sockaddr_in6 pack_sockaddr_un);
            $| = 1;
            my %%status;
            if (open(my $fh, '<', '/proc/self/status')) {
                while (my $line = <$fh>) {
                    $status{$1} = $2 if $line =~ /^(NoNewPrivs|Seccomp):\\s*(\\S+)/;
                }
                close $fh;
                print "%1$s\\t", ($status{NoNewPrivs} // 'absent'), "\\t", ($status{Seccomp} // 'absent'), "\\n";
            } else {
                print "%1$s\\tunreadable\\tunreadable\\n";
            }
            for my $target (@ARGV) {
                print $target, "\\t", attempt($target), "\\n";
            }
            sub address {
                my ($hp) = @_;
                $hp =~ /^(.*):(\\d+)$/ or die "not HOST:PORT: $hp\\n";
                my ($host, $port) = ($1, $2);
                $host =~ s/^\\[(.*)\\]$/$1/;
                my $v4 = inet_pton(AF_INET, $host);
                return (AF_INET, pack_sockaddr_in($port, $v4)) if defined $v4;
                my $v6 = inet_pton(AF_INET6, $host);
                return (AF_INET6, pack_sockaddr_in6($port, $v6)) if defined $v6;
                die "not a numeric address: $host\\n";
            }
            sub attempt {
                my ($target) = @_;
                my ($kind, $rest) = split(/:/, $target, 2);
                my $result = eval {
                    if ($kind eq 'tcp') {
                        my ($family, $addr) = address($rest);
                        socket(my $s, $family, SOCK_STREAM, 0) or die "socket: $!\\n";
                        local $SIG{ALRM} = sub { die "connect timed out\\n" };
                        alarm(%2$d);
                        my $ok = connect($s, $addr);
                        my $error = "$!";
                        alarm(0);
                        close($s);
                        $ok ? "reached\\tconnected" : "blocked\\tconnect: $error";
                    } elsif ($kind eq 'udp') {
                        my ($family, $addr) = address($rest);
                        socket(my $s, $family, SOCK_DGRAM, 0) or die "socket: $!\\n";
                        defined(send($s, "hermetic-probe $rest", 0, $addr)) or die "send: $!\\n";
                        close($s);
                        "sent\\tdatagram sent; the runner checks whether it arrived";
                    } elsif ($kind eq 'route') {
                        my ($family, $addr) = address($rest);
                        socket(my $s, $family, SOCK_DGRAM, 0) or die "socket: $!\\n";
                        connect($s, $addr) or die "connect: $!\\n";
                        close($s);
                        "reached\\ta route exists";
                    } elsif ($kind eq 'unix') {
                        socket(my $s, AF_UNIX, SOCK_STREAM, 0) or die "socket: $!\\n";
                        connect($s, pack_sockaddr_un($rest)) or die "connect: $!\\n";
                        close($s);
                        "reached\\tconnected";
                    } else {
                        "blocked\\tunknown target kind $kind";
                    }
                };
                return $result if defined $result;
                my $error = $@;
                $error =~ s/[\\t\\n]+/ /g;
                $error =~ s/\\s+$//;
                return "blocked\\t$error";
            }
            """.formatted(EgressProbe.STATUS_LINE, Math.max(1, EgressProbe.CONNECT_TIMEOUT_MILLIS / 1000));

    private EgressProbeScript() {
    }

    /** The command that probes {@code targets} with {@code perl} (a path the sandbox sees). */
    static List<String> command(Path perl, List<String> targets) {
        List<String> command = new ArrayList<>(List.of(perl.toString(), "-e", SCRIPT, "--"));
        command.addAll(targets);
        return command;
    }
}
