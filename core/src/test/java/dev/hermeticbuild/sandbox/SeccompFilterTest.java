package dev.hermeticbuild.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.sandbox.SeccompFilter.Architecture;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The generated BPF program, run through a small classic-BPF interpreter of the test's own over
 * {@code struct seccomp_data} values: every decision the policy promises, on both architectures.
 * (The kernel's own verifier and enforcement are tested in {@link SeccompEnforcementTest}.)
 */
class SeccompFilterTest {

    private static final int ALLOW = SeccompFilter.RET_ALLOW;
    private static final int EPERM = SeccompFilter.RET_ERRNO | 1;
    private static final int ENOSYS = SeccompFilter.RET_ERRNO | 38;
    private static final int I386 = 0x40000003;
    private static final int ARM = 0x40000028;

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void everyDeniedSyscallGetsEpermAndOrdinaryOnesAreAllowed(Architecture arch) {
        SeccompFilter f = SeccompFilter.forArchitecture(arch);
        Set<Integer> decided = new HashSet<>();
        for (SeccompFilter.Syscall s : SeccompFilter.DENIED) {
            if (s.number(arch) >= 0) {
                assertEquals(EPERM, run(f, arch.auditArch, s.number(arch), 0), s.name());
                decided.add(s.number(arch));
            }
        }
        for (SeccompFilter.Syscall s : SeccompFilter.rules()) {
            decided.add(s.number(arch));
        }
        for (int nr = 0; nr < 460; nr++) {
            if (!decided.contains(nr)) {
                assertEquals(ALLOW, run(f, arch.auditArch, nr, 0), "syscall " + nr + " should be allowed");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void cloneAndUnshareAreDecidedOnTheirNamespaceFlags(Architecture arch) {
        SeccompFilter f = SeccompFilter.forArchitecture(arch);
        int clone = SeccompFilter.CLONE.number(arch);
        int unshare = SeccompFilter.UNSHARE.number(arch);
        int thread = 0x3d0f00; // CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID
        assertEquals(ALLOW, run(f, arch.auditArch, clone, thread));
        assertEquals(ALLOW, run(f, arch.auditArch, clone, 0x4111)); // vfork-style posix_spawn: CLONE_VM|CLONE_VFORK|SIGCHLD
        assertEquals(ALLOW, run(f, arch.auditArch, clone, 17 | 0x80)); // exit signal bits are not CLONE_NEWTIME here
        for (int flag : List.of(0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000)) {
            assertEquals(EPERM, run(f, arch.auditArch, clone, 17 | flag), "clone with 0x" + Integer.toHexString(flag));
            assertEquals(EPERM, run(f, arch.auditArch, unshare, flag), "unshare with 0x" + Integer.toHexString(flag));
        }
        assertEquals(EPERM, run(f, arch.auditArch, unshare, 0x80), "unshare(CLONE_NEWTIME)");
        assertEquals(ALLOW, run(f, arch.auditArch, unshare, 0x200 | 0x400), "unshare(CLONE_FS|CLONE_FILES)");
        assertEquals(ENOSYS, run(f, arch.auditArch, SeccompFilter.CLONE3.number(arch), 0));
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void onlyDefaultPersonalities(Architecture arch) {
        SeccompFilter f = SeccompFilter.forArchitecture(arch);
        int nr = SeccompFilter.PERSONALITY.number(arch);
        for (int p : SeccompFilter.ALLOWED_PERSONALITIES) {
            assertEquals(ALLOW, run(f, arch.auditArch, nr, p), Integer.toHexString(p));
        }
        for (int p : List.of(0x0040000, 0x0400000, 0x0200000, 0x1, 0x0008000)) {
            assertEquals(EPERM, run(f, arch.auditArch, nr, p), Integer.toHexString(p));
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void foreignAbisAreDenied(Architecture arch) {
        SeccompFilter f = SeccompFilter.forArchitecture(arch);
        for (int foreign : List.of(I386, ARM, 0xc000003e, 0xc00000b7)) {
            if (foreign != arch.auditArch) {
                assertEquals(EPERM, run(f, foreign, 20, 0), "arch 0x" + Integer.toHexString(foreign));
            }
        }
        if (arch == Architecture.X86_64) {
            assertEquals(EPERM, run(f, arch.auditArch, 0x40000000 | 39, 0), "x32 getpid");
            assertEquals(EPERM, run(f, arch.auditArch, 0x40000000 | 250, 0), "x32 keyctl");
            assertEquals(EPERM, run(f, arch.auditArch, -1, 0), "syscall -1 through the x32 range check");
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void knownEncodingAndStableDigest(Architecture arch) {
        byte[] program = SeccompFilter.forArchitecture(arch).program();
        assertEquals(0, program.length % 8);
        // ld [4] (arch), then jeq AUDIT_ARCH, next, else deny
        assertArrayEquals(new byte[] {0x20, 0, 0, 0, 4, 0, 0, 0}, java.util.Arrays.copyOfRange(program, 0, 8));
        ByteBuffer second = ByteBuffer.wrap(program, 8, 8).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x15, second.getShort());
        assertEquals(0, second.get());
        assertTrue(second.get() > 0);
        assertEquals(arch.auditArch, second.getInt());
        assertEquals(SeccompFilter.forArchitecture(arch).programSha256(), SeccompFilter.forArchitecture(arch).programSha256());
        assertTrue(program.length / 8 < 4096, "BPF_MAXINSNS");
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void provenanceDescriptionNamesTheFilterAndEveryDeniedCall(Architecture arch) {
        SeccompFilter f = SeccompFilter.forArchitecture(arch);
        var d = f.describe();
        assertEquals(SeccompFilter.NAME, d.get("filter"));
        assertEquals(f.programSha256(), d.get("programSha256"));
        @SuppressWarnings("unchecked")
        List<String> denied = (List<String>) d.get("deniedSyscalls");
        assertTrue(denied.containsAll(List.of("keyctl", "add_key", "request_key", "bpf", "userfaultfd", "perf_event_open",
                "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module", "unshare", "setns",
                "clone", "clone3", "mount", "umount2", "pivot_root", "io_uring_setup", "personality")), denied.toString());
        assertEquals(arch == Architecture.X86_64, denied.contains("iopl"));
        assertNotEquals(SeccompFilter.forArchitecture(Architecture.X86_64).programSha256(),
                SeccompFilter.forArchitecture(Architecture.AARCH64).programSha256());
    }

    /** A classic BPF interpreter for exactly the instructions a seccomp program may use; anything else fails the test. */
    static int run(SeccompFilter filter, int auditArch, int nr, long arg0) {
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0, nr).putInt(4, auditArch).putLong(8, 0x401000L).putLong(16, arg0);
        ByteBuffer prog = ByteBuffer.wrap(filter.program()).order(ByteOrder.LITTLE_ENDIAN);
        int insns = prog.capacity() / 8;
        int acc = 0;
        for (int pc = 0, steps = 0; pc < insns; steps++) {
            assertTrue(steps <= insns, "classic BPF only jumps forward");
            int code = prog.getShort(pc * 8) & 0xffff;
            int jt = prog.get(pc * 8 + 2) & 0xff;
            int jf = prog.get(pc * 8 + 3) & 0xff;
            int k = prog.getInt(pc * 8 + 4);
            switch (code) {
                case 0x20 -> {
                    assertTrue(k >= 0 && k <= 60 && k % 4 == 0, "load offset " + k);
                    acc = data.getInt(k);
                    pc++;
                }
                case 0x15 -> pc += 1 + (acc == k ? jt : jf);
                case 0x35 -> pc += 1 + (Integer.compareUnsigned(acc, k) >= 0 ? jt : jf);
                case 0x45 -> pc += 1 + ((acc & k) != 0 ? jt : jf);
                case 0x06 -> {
                    return k;
                }
                default -> throw new AssertionError("unexpected BPF opcode 0x" + Integer.toHexString(code) + " at " + pc);
            }
        }
        throw new AssertionError("the program ran off its end without a return");
    }
}
