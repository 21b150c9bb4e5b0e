package dev.hermeticbuild.store;

import dev.hermeticbuild.verify.Keyring;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code store verify} checks beyond the links of the chain: an anchored head, the
 * latest checkpoint against the store's public keys, and a checkpoint the operator kept
 * outside the database (which also catches a rolled-back checkpoint table).
 *
 * @param anchor    a head seen earlier ({@code --expect-head})
 * @param storeKeys the store's public keys ({@code --store-pub}); empty: checkpoints not checked
 * @param kept      a signed checkpoint kept outside the database ({@code --checkpoint}); needs storeKeys
 */
public record ChainCheck(Optional<ChainAnchor> anchor, Optional<Keyring> storeKeys, Optional<SignedCheckpoint> kept) {

    public ChainCheck {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(storeKeys, "storeKeys");
        Objects.requireNonNull(kept, "kept");
        if (kept.isPresent() && storeKeys.isEmpty()) {
            throw new IllegalArgumentException("a kept checkpoint is checked against the store keys: give them");
        }
    }

    /** The links only. */
    public static ChainCheck linksOnly() {
        return new ChainCheck(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The links and the latest checkpoint against {@code storeKeys}. */
    public static ChainCheck signedBy(Keyring storeKeys) {
        return new ChainCheck(Optional.empty(), Optional.of(storeKeys), Optional.empty());
    }
}
