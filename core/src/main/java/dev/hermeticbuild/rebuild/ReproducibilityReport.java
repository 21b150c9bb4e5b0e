package dev.hermeticbuild.rebuild;

import java.util.List;

/**
 * The result of building the same inputs twice and comparing: per output, both digests and,
 * when they differ, the explanation; per variation, whether it was applied. A build that fails
 * is a failed rebuild, reported as such, never as a mismatch.
 */
public record ReproducibilityReport(Status status, List<SubjectResult> subjects, List<VariationPlan.Outcome> variations,
                                    String failure, List<String> diffoscopeReports) {

    /** The verdict. */
    public enum Status { REPRODUCIBLE, NOT_REPRODUCIBLE, BUILD_FAILED }

    /** One output compared across the two builds. */
    public record SubjectResult(String path, String firstSha256, String secondSha256, List<String> explanation) {
        public SubjectResult {
            explanation = List.copyOf(explanation);
        }

        public boolean reproducible() {
            return firstSha256 != null && firstSha256.equals(secondSha256);
        }
    }

    public ReproducibilityReport {
        subjects = List.copyOf(subjects);
        variations = List.copyOf(variations);
        diffoscopeReports = List.copyOf(diffoscopeReports);
    }

    public static ReproducibilityReport failed(String why, List<VariationPlan.Outcome> variations) {
        return new ReproducibilityReport(Status.BUILD_FAILED, List.of(), variations, why, List.of());
    }
}
