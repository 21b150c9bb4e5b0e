package dev.hermeticbuild.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The seccomp filter every namespace sandbox puts on the build, in the spirit of Docker's default
 * profile: a classic BPF program that denies the kernel interfaces a build never needs (keyrings,
 * BPF, module loading, kexec, new namespaces, mounts, clocks...) with EPERM, answers
 * {@code clone3} with ENOSYS so the C library falls back to {@code clone}, whose flags can be
 * inspected, and denies every call made through a foreign ABI (i386 and x32 on x86_64, arm on
 * aarch64) so the filter cannot be sidestepped. Generated here because no Java 17 library on
 * Maven Central builds seccomp programs without native code.
 */
public final class SeccompFilter {

    /** Name and version of this filter, recorded in provenance; bump it whenever the policy changes. */
    public static final String NAME = "hermetic-build-seccomp/1";

    /** The errno a denied call returns, and the one {@code clone3} returns. */
    static final int EPERM = 1;
    static final int ENOSYS = 38;

    static final int RET_ALLOW = 0x7fff0000;
    static final int RET_ERRNO = 0x00050000;

    /** Every CLONE_NEW* flag that {@code clone} can carry (0x80 is part of its exit signal there). */
    static final int CLONE_NEW_FLAGS = 0x7e020000;
    /** The same for {@code unshare}, which also takes CLONE_NEWTIME (0x80). */
    static final int UNSHARE_NEW_FLAGS = CLONE_NEW_FLAGS | 0x80;
    /** Personalities a build may set: Linux, Linux32, UNAME26 and their mix, and the 0xffffffff query. */
    static final List<Integer> ALLOWED_PERSONALITIES = List.of(0x0, 0x8, 0x20000, 0x20008, 0xffffffff);

    /** A syscall the filter decides on, its number per architecture (-1: not on that architecture), and why. */
    record Syscall(String name, int x86_64, int aarch64, String reason) {
        int number(Architecture arch) {
            return arch == Architecture.X86_64 ? x86_64 : aarch64;
        }
    }

    /** The syscalls denied outright with EPERM. */
    static final List<Syscall> DENIED = List.of(
            new Syscall("keyctl", 250, 219, "kernel keyrings are not namespaced: the runner's keys"),
            new Syscall("add_key", 248, 217, "kernel keyrings"),
            new Syscall("request_key", 249, 218, "kernel keyrings, and upcalls to host helpers"),
            new Syscall("bpf", 321, 280, "loads programs into the kernel"),
            new Syscall("userfaultfd", 323, 282, "stalls kernel copies: a common exploit primitive"),
            new Syscall("perf_event_open", 298, 241, "kernel attack surface and side channels"),
            new Syscall("kexec_load", 246, 104, "replaces the running kernel"),
            new Syscall("kexec_file_load", 320, 294, "replaces the running kernel"),
            new Syscall("init_module", 175, 105, "loads kernel modules"),
            new Syscall("finit_module", 313, 273, "loads kernel modules"),
            new Syscall("delete_module", 176, 106, "unloads kernel modules"),
            new Syscall("setns", 308, 268, "joins other namespaces"),
            new Syscall("mount", 165, 40, "changes the filesystem view the runner set up"),
            new Syscall("umount2", 166, 39, "uncovers what the runner masked"),
            new Syscall("pivot_root", 155, 41, "changes the root the runner set up"),
            new Syscall("open_tree", 428, 428, "new mount API"),
            new Syscall("move_mount", 429, 429, "new mount API"),
            new Syscall("fsopen", 430, 430, "new mount API"),
            new Syscall("fsconfig", 431, 431, "new mount API"),
            new Syscall("fsmount", 432, 432, "new mount API"),
            new Syscall("fspick", 433, 433, "new mount API"),
            new Syscall("mount_setattr", 442, 442, "new mount API: changes mount flags"),
            new Syscall("swapon", 167, 224, "host swap"),
            new Syscall("swapoff", 168, 225, "host swap"),
            new Syscall("reboot", 169, 142, "reboots the host"),
            new Syscall("syslog", 103, 116, "the kernel log: addresses and other builds' traces"),
            new Syscall("acct", 163, 89, "host process accounting"),
            new Syscall("iopl", 172, -1, "raw I/O port access"),
            new Syscall("ioperm", 173, -1, "raw I/O port access"),
            new Syscall("open_by_handle_at", 304, 265, "opens files by handle, past the mount view"),
            new Syscall("name_to_handle_at", 303, 264, "file handles for open_by_handle_at"),
            new Syscall("quotactl", 179, 60, "host disk quotas"),
            new Syscall("quotactl_fd", 443, 443, "host disk quotas"),
            new Syscall("lookup_dcookie", 212, 18, "kernel profiling interface"),
            new Syscall("clock_settime", 227, 112, "the host clock"),
            new Syscall("settimeofday", 164, 170, "the host clock"),
            new Syscall("adjtimex", 159, 171, "the host clock"),
            new Syscall("clock_adjtime", 305, 266, "the host clock"),
            new Syscall("io_uring_setup", 425, 425, "large attack surface; its operations bypass seccomp"),
            new Syscall("io_uring_enter", 426, 426, "io_uring"),
            new Syscall("io_uring_register", 427, 427, "io_uring"),
            new Syscall("uselib", 134, -1, "obsolete loader interface"));

    /** Syscalls decided on their first argument (flags), or answered with ENOSYS. */
    static final Syscall CLONE = new Syscall("clone", 56, 220, "denied with any CLONE_NEW* flag: no new namespaces");
    static final Syscall UNSHARE = new Syscall("unshare", 272, 97, "denied with any CLONE_NEW* flag: no new namespaces");
    static final Syscall CLONE3 = new Syscall("clone3", 435, 435, "ENOSYS: its flags are behind a pointer, so the C library falls back to clone");
    static final Syscall PERSONALITY = new Syscall("personality", 135, 92, "only the default personalities (no ADDR_NO_RANDOMIZE, READ_IMPLIES_EXEC...)");

    /** The architectures the filter knows, with their audit identifiers. */
    public enum Architecture {
        X86_64(0xc000003e, "x86_64"), AARCH64(0xc00000b7, "aarch64");

        final int auditArch;
        final String label;

        Architecture(int auditArch, String label) {
            this.auditArch = auditArch;
            this.label = label;
        }

        /** The host's architecture, or an {@link IsolationException}: no filter, no sandbox. */
        public static Architecture ofHost() {
            String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
            return switch (arch) {
                case "amd64", "x86_64" -> X86_64;
                case "aarch64", "arm64" -> AARCH64;
                default -> throw new IsolationException("no seccomp filter for the architecture " + arch
                        + " (known: x86_64, aarch64): the sandbox cannot be established");
            };
        }
    }

    /** The x32 ABI's marker bit in a syscall number on x86_64. */
    static final int X32_SYSCALL_BIT = 0x40000000;

    private final Architecture architecture;
    private final byte[] program;

    private SeccompFilter(Architecture architecture) {
        this.architecture = architecture;
        this.program = assemble(architecture);
    }

    public static SeccompFilter forHost() {
        return forArchitecture(Architecture.ofHost());
    }

    public static SeccompFilter forArchitecture(Architecture architecture) {
        return new SeccompFilter(architecture);
    }

    public Architecture architecture() {
        return architecture;
    }

    /** The program as {@code struct sock_filter[]}, little-endian, ready for PR_SET_SECCOMP or bwrap's --seccomp. */
    public byte[] program() {
        return program.clone();
    }

    public String programSha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(program));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Name of every syscall the filter denies or restricts on this architecture, with its reason. */
    public Map<String, String> deniedSyscalls() {
        Map<String, String> denied = new LinkedHashMap<>();
        for (Syscall s : rules()) {
            if (s.number(architecture) >= 0) {
                denied.put(s.name(), s.reason());
            }
        }
        return denied;
    }

    /** What provenance records: which filter was in force, and exactly which program. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("filter", NAME);
        m.put("architecture", architecture.label);
        m.put("programSha256", programSha256());
        m.put("deniedSyscalls", List.copyOf(deniedSyscalls().keySet()));
        m.put("foreignAbis", architecture == Architecture.X86_64 ? "i386 and x32 denied" : "arm denied");
        return m;
    }

    static List<Syscall> rules() {
        List<Syscall> all = new ArrayList<>(DENIED);
        all.addAll(List.of(CLONE, UNSHARE, CLONE3, PERSONALITY));
        return all;
    }

    // Offsets into struct seccomp_data, and classic BPF opcodes.
    static final int OFFSET_NR = 0;
    static final int OFFSET_ARCH = 4;
    static final int OFFSET_ARG0_LOW = 16;
    static final int LD_W_ABS = 0x20;
    static final int JEQ_K = 0x15;
    static final int JGE_K = 0x35;
    static final int JSET_K = 0x45;
    static final int RET_K = 0x06;

    private static byte[] assemble(Architecture arch) {
        Assembler a = new Assembler();
        a.load(OFFSET_ARCH);
        a.jump(JEQ_K, arch.auditArch, null, "eperm");
        a.load(OFFSET_NR);
        if (arch == Architecture.X86_64) {
            a.jump(JGE_K, X32_SYSCALL_BIT, "eperm", null);
        }
        for (Syscall s : DENIED) {
            if (s.number(arch) >= 0) {
                a.jump(JEQ_K, s.number(arch), "eperm", null);
            }
        }
        a.jump(JEQ_K, CLONE3.number(arch), "enosys", null);
        a.jump(JEQ_K, CLONE.number(arch), "clone", null);
        a.jump(JEQ_K, UNSHARE.number(arch), "unshare", null);
        a.jump(JEQ_K, PERSONALITY.number(arch), "personality", null);
        a.ret(RET_ALLOW);
        a.label("clone");
        a.load(OFFSET_ARG0_LOW);
        a.jump(JSET_K, CLONE_NEW_FLAGS, "eperm", "allow");
        a.label("unshare");
        a.load(OFFSET_ARG0_LOW);
        a.jump(JSET_K, UNSHARE_NEW_FLAGS, "eperm", "allow");
        a.label("personality");
        a.load(OFFSET_ARG0_LOW);
        for (int p : ALLOWED_PERSONALITIES) {
            a.jump(JEQ_K, p, "allow", null);
        }
        a.label("eperm");
        a.ret(RET_ERRNO | EPERM);
        a.label("allow");
        a.ret(RET_ALLOW);
        a.label("enosys");
        a.ret(RET_ERRNO | ENOSYS);
        return a.assemble();
    }

    /** Classic BPF with forward jumps to named labels; null means the next instruction. */
    private static final class Assembler {
        private record Insn(int code, String ifTrue, String ifFalse, int k) {
        }

        private final List<Insn> code = new ArrayList<>();
        private final Map<String, Integer> labels = new HashMap<>();

        void load(int offset) {
            code.add(new Insn(LD_W_ABS, null, null, offset));
        }

        void jump(int op, int k, String ifTrue, String ifFalse) {
            code.add(new Insn(op, ifTrue, ifFalse, k));
        }

        void ret(int k) {
            code.add(new Insn(RET_K, null, null, k));
        }

        void label(String name) {
            labels.put(name, code.size());
        }

        byte[] assemble() {
            ByteBuffer out = ByteBuffer.allocate(code.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < code.size(); i++) {
                Insn insn = code.get(i);
                out.putShort((short) insn.code());
                out.put((byte) offset(i, insn.ifTrue()));
                out.put((byte) offset(i, insn.ifFalse()));
                out.putInt(insn.k());
            }
            return out.array();
        }

        private int offset(int at, String label) {
            if (label == null) {
                return 0;
            }
            int offset = labels.get(label) - at - 1;
            if (offset < 0 || offset > 255) {
                throw new IllegalStateException("seccomp program jump to " + label + " out of range: " + offset);
            }
            return offset;
        }
    }
}
