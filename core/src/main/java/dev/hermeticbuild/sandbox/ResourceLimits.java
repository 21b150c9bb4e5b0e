package dev.hermeticbuild.sandbox;

import dev.hermeticbuild.InputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one build may consume, with defaults a normal Maven or npm build stays well inside:
 * processes, memory, CPU time, the size of one file, the total size of the outputs copied to
 * OUT and of each private tmpfs. Enforced by rlimits (util-linux {@code prlimit}) on the
 * sandbox, tmpfs {@code size=} and the output copy; see {@code docs/explanation/build-user-and-limits.md}.
 *
 * @param processes RLIMIT_NPROC: processes and threads of the build's host uid
 * @param memoryBytes RLIMIT_DATA of each process: its private writable memory (heap, stacks, anonymous maps)
 * @param cpuSeconds RLIMIT_CPU of each process: SIGXCPU at the limit, SIGKILL {@link #CPU_GRACE_SECONDS} later
 * @param fileSizeBytes RLIMIT_FSIZE: the largest file the build can write (a sparse file included)
 * @param outputsBytes the total size of the outputs copied to OUT
 * @param tmpfsBytes the size of each private tmpfs (/tmp, /var/tmp, /run, /dev/shm, HOME when not a host directory, a {@link LinkFarm})
 */
public record ResourceLimits(long processes, long memoryBytes, long cpuSeconds, long fileSizeBytes, long outputsBytes,
                             long tmpfsBytes) {

    private static final long MIB = 1024L * 1024;
    private static final long GIB = 1024 * MIB;

    /** Seconds between SIGXCPU (which a build tool can report) and SIGKILL. */
    public static final long CPU_GRACE_SECONDS = 5;

    /** The defaults: 4096 processes, 8 GiB per process, 2 h CPU per process, 8 GiB per file, 4 GiB of outputs, 2 GiB per tmpfs. */
    public static final ResourceLimits DEFAULTS = new ResourceLimits(4096, 8 * GIB, 2 * 3600, 8 * GIB, 4 * GIB, 2 * GIB);

    /** The names {@link #with} accepts, in the order they are documented. */
    public static final List<String> NAMES = List.of("nproc", "memory", "cpu", "file-size", "outputs", "tmpfs");

    /** Below this many processes the sandbox itself cannot start. */
    private static final long MIN_PROCESSES = 16;

    public ResourceLimits {
        positive("nproc", processes);
        positive("memory", memoryBytes);
        positive("cpu", cpuSeconds);
        positive("file-size", fileSizeBytes);
        positive("outputs", outputsBytes);
        positive("tmpfs", tmpfsBytes);
        if (processes < MIN_PROCESSES) {
            throw new InputException("limit nproc=" + processes + ": at least " + MIN_PROCESSES + " (the sandbox itself needs a few)");
        }
    }

    /**
     * This value with one limit changed, from {@code NAME=VALUE} as {@code --limit} takes it:
     * {@code nproc=COUNT}, {@code cpu=SECONDS} (or {@code 90s}, {@code 20m}, {@code 2h}), and for
     * {@code memory}, {@code file-size}, {@code outputs}, {@code tmpfs} a size in bytes or with
     * a binary suffix ({@code 512m}, {@code 8g}, {@code 1t}).
     */
    public ResourceLimits with(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new InputException("--limit '" + assignment + "': expected NAME=VALUE with NAME one of " + NAMES);
        }
        String name = assignment.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        String value = assignment.substring(eq + 1).strip();
        return switch (name) {
            case "nproc" -> new ResourceLimits(count(name, value), memoryBytes, cpuSeconds, fileSizeBytes, outputsBytes, tmpfsBytes);
            case "memory" -> new ResourceLimits(processes, size(name, value), cpuSeconds, fileSizeBytes, outputsBytes, tmpfsBytes);
            case "cpu" -> new ResourceLimits(processes, memoryBytes, seconds(name, value), fileSizeBytes, outputsBytes, tmpfsBytes);
            case "file-size" -> new ResourceLimits(processes, memoryBytes, cpuSeconds, size(name, value), outputsBytes, tmpfsBytes);
            case "outputs" -> new ResourceLimits(processes, memoryBytes, cpuSeconds, fileSizeBytes, size(name, value), tmpfsBytes);
            case "tmpfs" -> new ResourceLimits(processes, memoryBytes, cpuSeconds, fileSizeBytes, outputsBytes, size(name, value));
            default -> throw new InputException("--limit '" + assignment + "': unknown limit '" + name + "'; known: " + NAMES);
        };
    }

    /** This value with each {@code NAME=VALUE} applied in order. */
    public ResourceLimits with(List<String> assignments) {
        ResourceLimits limits = this;
        for (String a : assignments) {
            limits = limits.with(a);
        }
        return limits;
    }

    /** The environment variable a platform team sets in an agent image: {@code NAME=VALUE,NAME=VALUE}, before any {@code --limit}. */
    public static final String ENVIRONMENT_VARIABLE = "HERMETIC_LIMITS";

    /** The defaults, changed first by {@link #ENVIRONMENT_VARIABLE}'s value (may be null or blank), then by {@code --limit} assignments. */
    public static ResourceLimits configured(String environmentValue, List<String> assignments) {
        ResourceLimits limits = DEFAULTS;
        if (environmentValue != null) {
            for (String a : environmentValue.split(",")) {
                if (!a.isBlank()) {
                    try {
                        limits = limits.with(a.strip());
                    } catch (InputException e) {
                        throw new InputException(ENVIRONMENT_VARIABLE + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        return limits.with(assignments);
    }

    /** The limits by name, as provenance records them (bytes, seconds, counts). */
    public Map<String, Long> byName() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("nproc", processes);
        m.put("memoryBytes", memoryBytes);
        m.put("cpuSeconds", cpuSeconds);
        m.put("fileSizeBytes", fileSizeBytes);
        m.put("outputsBytes", outputsBytes);
        m.put("tmpfsBytes", tmpfsBytes);
        m.put("coreBytes", 0L);
        return m;
    }

    /** The util-linux {@code prlimit} arguments that set the rlimits, soft and hard alike (CPU: hard a grace later). */
    List<String> prlimitArguments() {
        return List.of("--nproc=" + processes + ":" + processes,
                "--data=" + memoryBytes + ":" + memoryBytes,
                "--cpu=" + cpuSeconds + ":" + (cpuSeconds + CPU_GRACE_SECONDS),
                "--fsize=" + fileSizeBytes + ":" + fileSizeBytes,
                "--core=0:0");
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new InputException("limit " + name + "=" + value + ": must be positive");
        }
    }

    private static long count(String name, String value) {
        if (!value.matches("[0-9]{1,12}")) {
            throw new InputException("--limit " + name + "=" + value + ": expected a whole number");
        }
        return Long.parseLong(value);
    }

    private static long seconds(String name, String value) {
        var m = java.util.regex.Pattern.compile("([0-9]{1,9})([smh]?)").matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InputException("--limit " + name + "=" + value + ": expected seconds, or 90s, 20m, 2h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> n * 60;
            case "h" -> n * 3600;
            default -> n;
        };
    }

    private static long size(String name, String value) {
        var m = java.util.regex.Pattern.compile("([0-9]{1,15})(?:([kmgt])(?:i?b)?)?").matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InputException("--limit " + name + "=" + value + ": expected bytes, or a size like 512m, 8g, 1t");
        }
        long n = Long.parseLong(m.group(1));
        int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 40;
        };
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new InputException("--limit " + name + "=" + value + ": too large");
        }
        return n << shift;
    }
}
