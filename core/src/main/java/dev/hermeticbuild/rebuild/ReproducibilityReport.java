package dev.hermeticbuild.rebuild;

import java.util.List;

/**
 * The result of building the same inputs twice and comparing: per output, both digests and,
 * when they differ, the explanation; per variation, whether it was applied, and which applied
 * variations alone cause a difference. A build that fails is a failed rebuild, reported as such,
 * never as a mismatch.
 *
 * @param normalized whether both sides were normalized before comparing (then the verdict is about
 *     normalized bytes, and each subject carries its raw digests too)
 * @param culprits the applied variations that alone make an output differ, found by rebuilding with
 *     one variation at a time; empty when not searched or when only the combination differs
 * @param culpritSearch what the search did, e.g. {@code "3 builds, one variation each"}; empty when not run
 */
public record ReproducibilityReport(Status status, List<SubjectResult> subjects, List<VariationPlan.Outcome> variations,
                                    String failure, List<String> diffoscopeReports, boolean normalized,
                                    List<Variation> culprits, String culpritSearch) {

    /** The verdict. */
    public enum Status { REPRODUCIBLE, NOT_REPRODUCIBLE, BUILD_FAILED }

    /**
     * One output compared across the two builds.
     *
     * @param firstSha256 the first side's digest as compared (normalized when the check normalized)
     * @param rawFirstSha256 the first side's digest as built (equal to {@code firstSha256} without normalization)
     */
    public record SubjectResult(String path, String firstSha256, String secondSha256, List<String> explanation,
                                String rawFirstSha256, String rawSecondSha256) {
        public SubjectResult {
            explanation = List.copyOf(explanation);
        }

        /** A result compared on the bytes as built. */
        public SubjectResult(String path, String firstSha256, String secondSha256, List<String> explanation) {
            this(path, firstSha256, secondSha256, explanation, firstSha256, secondSha256);
        }

        public boolean reproducible() {
            return firstSha256 != null && firstSha256.equals(secondSha256);
        }

        /** Whether the bytes as built are the same, normalization aside. */
        public boolean bitForBit() {
            return rawFirstSha256 != null && rawFirstSha256.equals(rawSecondSha256);
        }
    }

    public ReproducibilityReport {
        subjects = List.copyOf(subjects);
        variations = List.copyOf(variations);
        diffoscopeReports = List.copyOf(diffoscopeReports);
        culprits = List.copyOf(culprits);
    }

    /** A report of a comparison on the bytes as built, without a culprit search. */
    public ReproducibilityReport(Status status, List<SubjectResult> subjects, List<VariationPlan.Outcome> variations,
                                 String failure, List<String> diffoscopeReports) {
        this(status, subjects, variations, failure, diffoscopeReports, false, List.of(), "");
    }

    public static ReproducibilityReport failed(String why, List<VariationPlan.Outcome> variations) {
        return new ReproducibilityReport(Status.BUILD_FAILED, List.of(), variations, why, List.of());
    }

    /** This report with the outcome of the one-variation-at-a-time search. */
    public ReproducibilityReport withCulprits(List<Variation> found, String search) {
        return new ReproducibilityReport(status, subjects, variations, failure, diffoscopeReports, normalized, found, search);
    }
}
