package dev.hermeticbuild.rebuild;

import dev.hermeticbuild.build.BuildVariation;
import dev.hermeticbuild.sandbox.SandboxSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the requested variations into a {@link BuildVariation} for the second build, checking
 * that this machine can apply each one. A variation that cannot be applied is reported as not
 * applied, with the reason: never silently skipped.
 */
public record VariationPlan(BuildVariation variation, boolean shuffleFileOrder, List<Outcome> outcomes) {

    /** Whether one variation was applied, and how (or why not). */
    public record Outcome(Variation variation, boolean applied, String detail) {
    }

    public static final String VARIED_HOSTNAME = "rebuilder-varied";
    public static final String VARIED_WORKSPACE = "/build/varied/path/workspace";
    public static final String VARIED_TIMEZONE = "Pacific/Kiritimati";
    public static final String CLOCK_SHIFT = "+397d";

    public VariationPlan {
        outcomes = List.copyOf(outcomes);
    }

    public static VariationPlan of(Set<Variation> requested) {
        String hostname = SandboxSpec.HOSTNAME;
        String mount = SandboxSpec.WORKSPACE_MOUNT;
        String umask = SandboxSpec.DEFAULT_UMASK;
        Map<String, String> env = new LinkedHashMap<>();
        List<String> prefix = new ArrayList<>();
        boolean shuffle = false;
        List<Outcome> outcomes = new ArrayList<>();
        for (Variation v : requested) {
            switch (v) {
                case HOSTNAME -> {
                    hostname = VARIED_HOSTNAME;
                    outcomes.add(new Outcome(v, true, "host name " + VARIED_HOSTNAME + " instead of " + SandboxSpec.HOSTNAME));
                }
                case BUILD_PATH -> {
                    mount = VARIED_WORKSPACE;
                    outcomes.add(new Outcome(v, true, "workspace at " + VARIED_WORKSPACE + " instead of " + SandboxSpec.WORKSPACE_MOUNT));
                }
                case UMASK -> {
                    umask = "002";
                    outcomes.add(new Outcome(v, true, "umask 002 instead of 022"));
                }
                case TIMEZONE -> {
                    if (Files.exists(Path.of("/usr/share/zoneinfo", VARIED_TIMEZONE))) {
                        env.put("TZ", VARIED_TIMEZONE);
                        outcomes.add(new Outcome(v, true, "TZ=" + VARIED_TIMEZONE + " (UTC+14) instead of UTC"));
                    } else {
                        outcomes.add(new Outcome(v, false, "no tzdata for " + VARIED_TIMEZONE + " (install Debian package tzdata)"));
                    }
                }
                case LOCALE -> {
                    String other = otherLocale();
                    env.put("LC_ALL", other);
                    env.put("LANG", other);
                    outcomes.add(new Outcome(v, true, other.equals("POSIX")
                            ? "LC_ALL=POSIX (ASCII) instead of C.UTF-8; only the character set varies: install locales-all to vary the language too"
                            : "LC_ALL=" + other + " instead of C.UTF-8"));
                }
                case TIME -> {
                    if (Files.isExecutable(Path.of("/usr/bin/faketime"))) {
                        prefix.addAll(0, List.of("/usr/bin/faketime", "-f", CLOCK_SHIFT));
                        outcomes.add(new Outcome(v, true, "clock shifted " + CLOCK_SHIFT + " with faketime (SOURCE_DATE_EPOCH unchanged)"));
                    } else {
                        outcomes.add(new Outcome(v, false, "faketime is not installed (Debian package faketime)"));
                    }
                }
                case CPUS -> {
                    if (Runtime.getRuntime().availableProcessors() > 1 && Files.isExecutable(Path.of("/usr/bin/taskset"))) {
                        prefix.addAll(List.of("/usr/bin/taskset", "-c", "0"));
                        outcomes.add(new Outcome(v, true, "1 CPU instead of " + Runtime.getRuntime().availableProcessors()));
                    } else {
                        outcomes.add(new Outcome(v, false, Runtime.getRuntime().availableProcessors() > 1
                                ? "taskset is not installed (util-linux)" : "this machine has only one CPU"));
                    }
                }
                case FILE_ORDER -> {
                    if (Files.isExecutable(Path.of("/usr/bin/disorderfs")) && Files.exists(Path.of("/dev/fuse"))) {
                        shuffle = true;
                        outcomes.add(new Outcome(v, true, "directory listings shuffled (disorderfs --shuffle-dirents=yes)"));
                    } else {
                        outcomes.add(new Outcome(v, false, "disorderfs or /dev/fuse is missing (Debian packages disorderfs, fuse3)"));
                    }
                }
                default -> throw new IllegalStateException(v.name());
            }
        }
        return new VariationPlan(new BuildVariation(hostname, mount, umask, env, prefix), shuffle, outcomes);
    }

    /** An installed UTF-8 locale other than C, or POSIX. */
    static String otherLocale() {
        try {
            Process p = new ProcessBuilder("locale", "-a").redirectErrorStream(true).start();
            for (String l : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = l.strip();
                if (name.toLowerCase().endsWith(".utf8") && !name.toLowerCase().startsWith("c.")) {
                    return name;
                }
            }
            p.waitFor();
        } catch (IOException e) {
            // no locale tool: fall back to POSIX
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "POSIX";
    }
}
