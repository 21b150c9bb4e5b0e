package dev.hermeticbuild.store;

import java.util.List;

/**
 * What a reproducibility check or rebuild found, as the store records it.
 *
 * @param completed whether both builds ran (a failed rebuild says nothing about reproducibility)
 * @param subjects  each output compared
 */
public record RebuildEvidence(boolean completed, List<Compared> subjects) {

    public RebuildEvidence {
        subjects = List.copyOf(subjects);
    }

    /**
     * One output of the check.
     *
     * @param name         its path
     * @param sha256       its digest as compared, or null when the first build did not produce it
     * @param reproducible whether both builds gave the same bytes
     * @param differences  what differed, explained
     */
    public record Compared(String name, String sha256, boolean reproducible, List<String> differences) {
    }
}
