package dev.hermeticbuild.store;

import java.util.List;
import java.util.Optional;

/**
 * What {@link StoreRecorder#rebuild} did with a reproducibility outcome.
 *
 * @param records    the rebuild records written (or found already written), one per output
 * @param notRecorded why nothing was recorded, when the outcome says nothing about reproducibility
 */
public record RebuildRecords(List<Recorded> records, Optional<String> notRecorded) {

    public RebuildRecords {
        records = List.copyOf(records);
    }

    /** One line for the user per record, or the reason nothing was recorded. */
    public List<String> lines() {
        return notRecorded.map(List::of).orElseGet(() -> records.stream().map(Recorded::summary).toList());
    }
}
