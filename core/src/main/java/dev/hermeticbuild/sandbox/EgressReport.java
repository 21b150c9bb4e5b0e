package dev.hermeticbuild.sandbox;

import java.util.List;

/**
 * What the egress probe observed from inside the sandbox, combined with what the runner's own
 * listeners saw arrive. This, not the sandbox configuration, is what provenance records.
 *
 * @param mechanism the sandbox mechanism the probe ran in
 * @param attempts every target tried, in order
 */
public record EgressReport(String mechanism, List<Attempt> attempts) {

    /** One target the probe tried to reach. */
    public record Attempt(String target, String description, boolean reached, String detail) {
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
