package dev.hermeticbuild.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.bundle.StrictJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * The store's signed head, in the spirit of a transparency log's checkpoint (signed tree head):
 * which store, how many records, the hash of the last one, and when. Signed by the store
 * writer's key ({@link SignedCheckpoint}); everything up to {@code size} is then vouched for
 * by that key, since each record's hash covers all before it.
 *
 * @param store    the store's id (a random UUID made when its schema was created)
 * @param size     records covered: 1 to {@code size}
 * @param headHash hash of record {@code size} ({@link RecordHash#GENESIS} when empty)
 * @param time     when it was signed (the writer's clock)
 */
public record Checkpoint(String store, long size, String headHash, Instant time) {

    /** The {@code format} every checkpoint body carries. */
    public static final String FORMAT = "hermetic-store-checkpoint/v1";

    public Checkpoint {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(time, "time");
        if (size < 0 || !Digests.isSha256Hex(headHash)) {
            throw new IllegalArgumentException("checkpoint size " + size + " head " + headHash);
        }
    }

    /** Canonical JSON bytes, the DSSE payload. */
    byte[] encode() {
        ObjectNode n = StrictJson.mapper().createObjectNode();
        n.put("format", FORMAT);
        n.put("store", store);
        n.put("size", size);
        n.put("headHash", headHash);
        n.put("time", time.toString());
        return RecordCodec.canonical(n).getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a payload; {@code source} names it in errors. */
    static Checkpoint decode(byte[] json, String source) {
        try {
            JsonNode n = StrictJson.parse(json, source);
            if (!FORMAT.equals(n.path("format").textValue())) {
                throw new IllegalArgumentException("format is not " + FORMAT);
            }
            if (!n.path("size").isIntegralNumber()) {
                throw new IllegalArgumentException("size is not a number");
            }
            return new Checkpoint(StrictJson.text(n, "$", "store"), n.get("size").longValue(),
                    StrictJson.text(n, "$", "headHash"), Instant.parse(StrictJson.text(n, "$", "time")));
        } catch (RuntimeException e) {
            throw new StoreException(source + " is not a store checkpoint (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String toString() {
        return "checkpoint of store " + store + " at " + size + ":" + headHash + " (" + time + ")";
    }
}
