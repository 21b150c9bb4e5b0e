package dev.hermeticbuild.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code agent-image/seccomp/hermetic-sandbox.json}: deny by default, allow namespace creation
 * for the sandbox, and keep refusing what RuntimeDefault refuses for reasons that have nothing
 * to do with namespaces. (test-image.sh runs a real sandbox under it with podman.)
 */
class SeccompProfileTest {

    static final Path PROFILE = Path.of(System.getProperty("user.dir")).resolveSibling("agent-image/seccomp/hermetic-sandbox.json");

    @Test
    void theProfileAllowsTheSandboxAndNothingDangerous() throws Exception {
        JsonNode profile = new ObjectMapper().readTree(Files.readString(PROFILE));
        assertEquals("SCMP_ACT_ERRNO", profile.path("defaultAction").asText(), "deny by default");
        assertTrue(profile.path("architectures").toString().contains("SCMP_ARCH_X86_64"));

        List<String> unconditional = new ArrayList<>();
        Set<String> conditional = new HashSet<>();
        for (JsonNode rule : profile.path("syscalls")) {
            assertEquals("SCMP_ACT_ALLOW", rule.path("action").asText(), rule.toString());
            for (JsonNode name : rule.path("names")) {
                if (rule.has("args")) {
                    conditional.add(name.asText());
                } else {
                    unconditional.add(name.asText());
                }
            }
        }
        assertEquals(unconditional.stream().sorted().distinct().toList(), unconditional, "names sorted and unique");
        Set<String> allowed = new HashSet<>(unconditional);
        for (String needed : List.of("unshare", "clone", "clone3", "setns", "mount", "umount2", "pivot_root",
                "execve", "openat", "mmap", "futex", "sethostname", "capset", "prctl")) {
            assertTrue(allowed.contains(needed), needed + " must be allowed");
        }
        for (String refused : List.of("kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module", "bpf",
                "perf_event_open", "ptrace", "process_vm_readv", "process_vm_writev", "keyctl", "add_key", "request_key",
                "open_by_handle_at", "reboot", "swapon", "swapoff", "acct", "settimeofday", "clock_settime", "clock_adjtime",
                "adjtimex", "userfaultfd", "syslog", "iopl", "ioperm", "quotactl", "io_uring_setup", "personality")) {
            assertFalse(allowed.contains(refused), refused + " must stay refused");
        }
        assertTrue(conditional.contains("personality"), "personality only with the harmless values");
    }

    @Test
    void thePodTemplateNamesTheShippedFile() {
        assertTrue(Files.isRegularFile(PROFILE), PROFILE.toString());
        assertEquals(PROFILE.getFileName().toString(), Path.of(HermeticPodTemplate.SECCOMP_PROFILE).getFileName().toString());
    }
}
