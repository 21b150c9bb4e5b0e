package dev.hermeticbuild.sandbox;

import dev.hermeticbuild.InputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The complete environment of a sandboxed build: fixed values that make builds deterministic
 * (SOURCE_DATE_EPOCH, TZ, locale, PATH, HOME, TMPDIR) plus only the host variables the user
 * named with {@code --env}. Nothing else of the runner's environment reaches the build.
 */
public final class BuildEnvironment {

    public static final String PATH = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";

    /** Fallback time base outside git: 1980-01-02, the earliest time every archive format can store. */
    public static final long NO_VCS_EPOCH = 315619200L;

    private BuildEnvironment() {
    }

    /** The fixed part: recorded in provenance as it is. */
    public static Map<String, String> fixed(long sourceDateEpoch, String home, String tmp) {
        Map<String, String> env = new TreeMap<>();
        env.put("SOURCE_DATE_EPOCH", Long.toString(sourceDateEpoch));
        env.put("TZ", "UTC");
        env.put("LC_ALL", "C.UTF-8");
        env.put("LANG", "C.UTF-8");
        env.put("PATH", PATH);
        env.put("HOME", home);
        env.put("TMPDIR", tmp);
        env.put("USER", "builder");
        env.put("HERMETIC_BUILD", "1");
        return env;
    }

    /**
     * The whole environment: the fixed values plus each named host variable. A named variable the
     * runner does not have is an input error, so a typo cannot silently drop a setting.
     */
    public static Map<String, String> withPassed(Map<String, String> fixed, List<String> passedNames, Map<String, String> host) {
        Map<String, String> env = new LinkedHashMap<>(fixed);
        for (String name : passedNames) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new InputException("--env " + name + ": not a valid variable name");
            }
            if (fixed.containsKey(name)) {
                throw new InputException("--env " + name + ": fixed by the sandbox and cannot be overridden");
            }
            String value = host.get(name);
            if (value == null) {
                throw new InputException("--env " + name + ": not set in the runner's environment");
            }
            env.put(name, value);
        }
        return env;
    }
}
