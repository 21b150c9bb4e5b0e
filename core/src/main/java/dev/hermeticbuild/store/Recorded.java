package dev.hermeticbuild.store;

/**
 * A record a {@link StoreRecorder} wrote, or found already written.
 *
 * @param stored           the record as the store holds it
 * @param store            the store, described without its password
 * @param appended         false when the same record was already there (a retried step)
 * @param checkpointSigned whether the store key signed a checkpoint of the new head
 */
public record Recorded(StoredRecord stored, String store, boolean appended, boolean checkpointSigned) {

    /** One line for the user: where the record is, its signature status and its hash. */
    public String summary() {
        return (appended ? "recorded #" : "already recorded as #") + stored.seq() + " in " + store + " ("
                + stored.record().verification().map(v -> "verification " + (v.passed() ? "passed" : "refused"))
                        .orElse(stored.record().signature().status().label()) + "), hash " + stored.hash()
                + (checkpointSigned ? ", checkpoint signed" : "");
    }
}
