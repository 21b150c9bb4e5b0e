package dev.hermeticbuild.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A record as a reader may believe it: what the store holds, whether its hash matches its
 * content, whether its bundle's signature verifies now against the reader's keys (and says
 * what the record says), and whether a checkpoint signed by the store key covers its position.
 */
public record CheckedRecord(StoredRecord stored, boolean hashIntact, ReadCheck signature, ReadCheck position) {

    /** The record's content. */
    public ProvenanceRecord record() {
        return stored.record();
    }

    /** Every reason not to believe it, each naming the record (a position not checked is none). */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        String at = "record " + stored.seq() + ": ";
        if (!hashIntact) {
            out.add(at + "its hash does not match its content (run hermetic store verify)");
        }
        if (record().kind() == RecordKind.BUILD) {
            switch (signature.outcome()) {
                case VERIFIED -> { }
                case FAILED -> out.add(at + "signature does not verify now: " + String.join("; ", signature.reasons()));
                case NOT_CHECKED -> out.add(at + "signature not checked: " + String.join("; ", signature.reasons()));
                case UNSIGNED -> out.add(at + "provenance is not signed");
            }
        }
        if (position.outcome() == ReadCheck.Outcome.FAILED) {
            out.add(at + "position not vouched for by the store key: " + String.join("; ", position.reasons()));
        }
        return out;
    }
}
