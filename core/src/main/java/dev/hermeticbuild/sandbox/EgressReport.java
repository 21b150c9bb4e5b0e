package dev.hermeticbuild.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the egress probe observed from inside the sandbox, combined with what the runner's own
 * listeners saw arrive, and the confinement the kernel reported for the probe's own process.
 * This, not the sandbox configuration, is what provenance records.
 *
 * @param mechanism the sandbox mechanism the probe ran in
 * @param attempts every target tried, in order
 * @param confinement the probe's seccomp and no_new_privs state
 */
public record EgressReport(String mechanism, List<Attempt> attempts, Confinement confinement) {

    /** One target the probe tried to reach. */
    public record Attempt(String target, String description, boolean reached, String detail) {
    }

    /**
     * The seccomp filter the sandbox installed, and what /proc/self/status said inside.
     *
     * @param filter the filter the mechanism put on the probe (and puts on the build), if any
     * @param seccompMode the kernel's Seccomp field: 0 none, 1 strict, 2 filter
     * @param noNewPrivs the kernel's NoNewPrivs field
     */
    public record Confinement(Optional<SeccompFilter> filter, int seccompMode, boolean noNewPrivs) {

        /** Whether the kernel confirmed what the mechanism claims: a filter in force, with no_new_privs. */
        public boolean confirmed() {
            return filter.isEmpty() || (seccompMode == 2 && noNewPrivs);
        }

        /** {@code internalParameters.isolation.seccomp} of the provenance. */
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>(filter.map(SeccompFilter::describe).orElseGet(() -> Map.of("filter", "none")));
            Map<String, Object> measured = new LinkedHashMap<>();
            measured.put("seccompMode", seccompMode);
            measured.put("noNewPrivs", noNewPrivs);
            m.put("measured", measured);
            return m;
        }
    }

    public EgressReport {
        attempts = List.copyOf(attempts);
    }

    /** True when the probe ran and reached nothing. */
    public boolean egressBlocked() {
        return !attempts.isEmpty() && attempts.stream().noneMatch(Attempt::reached);
    }

    public List<Attempt> reached() {
        return attempts.stream().filter(Attempt::reached).toList();
    }
}
