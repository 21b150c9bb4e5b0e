package dev.hermeticbuild.store;

/**
 * The hash chain: record hash = SHA-256 over a domain tag, the record's position, the previous
 * record's hash and the record's canonical content, so any edit, removal or reordering of a row
 * breaks every later link.
 */
public final class RecordHash {

    /** The previous hash of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final String TAG = "hermetic-provenance-record/v1";

    private RecordHash() {
    }

    /** Lowercase hex SHA-256 of {@code TAG \n seq \n prevHash \n content}. */
    public static String of(long seq, String prevHash, String canonicalContent) {
        return Digests.sha256(TAG + "\n" + seq + "\n" + prevHash + "\n" + canonicalContent);
    }
}
