package dev.hermeticbuild.store;

import java.util.List;
import java.util.Objects;

/**
 * What one check made at read time found: a record's signature against the keys the reader
 * trusts, or its position against the store's signed checkpoints. Never what the record says
 * about itself.
 *
 * @param outcome what was found
 * @param reasons why (failures), or what vouches for it (successes)
 */
public record ReadCheck(Outcome outcome, List<String> reasons) {

    /** The outcomes of a read-time check. */
    public enum Outcome {
        /** Checked now and good. */
        VERIFIED("verified"),
        /** Checked now and bad. */
        FAILED("FAILED"),
        /** Not checked: the reader gave no key to check it against. */
        NOT_CHECKED("not checked"),
        /** Nothing to check: the record carries no signature. */
        UNSIGNED("unsigned");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        /** How it is shown. */
        public String label() {
            return label;
        }
    }

    public ReadCheck {
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
    }

    static ReadCheck of(Outcome outcome, String... reasons) {
        return new ReadCheck(outcome, List.of(reasons));
    }

    /** Whether it was checked now and found good. */
    public boolean verified() {
        return outcome == Outcome.VERIFIED;
    }

    /** The outcome and its reasons on one line. */
    @Override
    public String toString() {
        return outcome.label() + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons));
    }
}
