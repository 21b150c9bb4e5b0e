package dev.hermeticbuild.kubernetes;

import java.util.List;

/**
 * What pod-lint checked and found.
 *
 * @param pods the pods and pod templates checked (their labels)
 * @param policiesChecked whether NetworkPolicies were given, so network coverage was checked too
 * @param findings every weakness, in input order
 */
public record LintReport(List<String> pods, boolean policiesChecked, List<Finding> findings) {

    public LintReport {
        pods = List.copyOf(pods);
        findings = List.copyOf(findings);
    }

    /** Whether nothing was found. */
    public boolean clean() {
        return findings.isEmpty();
    }
}
