package dev.hermeticbuild.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of the host's root filesystem a namespace sandbox shows (read-only), and the host
 * secrets inside them that it masks. Everything else of the host (/root, /home, /var, /run,
 * /tmp, /opt, /srv, /mnt, /media) is simply absent inside.
 */
final class HostRoot {

    /** Top-level entries that are either directories (bound read-only) or merged-/usr symlinks. */
    static final List<String> SYSTEM_ENTRIES = List.of("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32", "etc");

    /** Files under /etc readable by a (mapped) root that must not reach an untrusted build. */
    static final List<String> MASKED_FILES = List.of(
            "/etc/shadow", "/etc/shadow-", "/etc/gshadow", "/etc/gshadow-",
            "/etc/sudoers", "/etc/security/opasswd", "/etc/krb5.keytab");

    /** Directories under /etc that hold host keys and credentials; replaced by empty ones. */
    static final List<String> MASKED_DIRS = List.of(
            "/etc/ssh", "/etc/ssl/private", "/etc/sudoers.d", "/etc/containers", "/etc/docker",
            "/etc/kubernetes", "/etc/pki/private");

    /** Kernel state in /proc that is not namespaced: the keys every keyring of the host holds, per-user key quotas. */
    static final List<String> MASKED_PROC_FILES = List.of("/proc/keys", "/proc/key-users");

    /** Kernel settings in /proc, bound read-only over themselves (as Docker does); unshare-init.sh has the same list. */
    static final List<String> READ_ONLY_PROC = List.of("/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus", "/proc/fs");

    private HostRoot() {
    }

    /** One top-level entry of the host root: a directory to bind, or a symlink to recreate. */
    record Entry(String name, String symlinkTarget) {
        boolean isSymlink() {
            return symlinkTarget != null;
        }
    }

    static List<Entry> systemEntries() {
        List<Entry> entries = new ArrayList<>();
        for (String name : SYSTEM_ENTRIES) {
            Path p = Path.of("/", name);
            try {
                if (Files.isSymbolicLink(p)) {
                    entries.add(new Entry(name, Files.readSymbolicLink(p).toString()));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    entries.add(new Entry(name, null));
                }
            } catch (IOException e) {
                throw new IsolationException("cannot read host path " + p + ": " + e.getMessage(), e);
            }
        }
        return entries;
    }

    static boolean exists(String path) {
        return Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS);
    }

    static boolean isDirectory(String path) {
        return Files.isDirectory(Path.of(path), LinkOption.NOFOLLOW_LINKS);
    }

    /** Whether a host path is already visible inside because it lies under a bound system entry. */
    static boolean coveredBySystemEntries(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        for (Entry e : systemEntries()) {
            if (!e.isSymlink() && !e.name().equals("etc") && abs.startsWith(Path.of("/", e.name()))) {
                return true;
            }
        }
        return false;
    }
}
