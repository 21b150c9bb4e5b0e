package dev.hermeticbuild.cli;

import dev.hermeticbuild.store.ProvenanceStore;
import dev.hermeticbuild.store.RecordCheck;
import java.util.function.BiFunction;
import picocli.CommandLine.Mixin;

/**
 * The store a reporting command reads and how it checks the records it reads ({@code --store},
 * {@code --pub}, {@code --revoked}, {@code --store-pub}), shared by {@code metrics} and
 * {@code report}.
 */
final class StoreReadOptions {

    @Mixin
    StoreOptions store;

    @Mixin
    RecordCheckOptions check;

    /** A reader with the record check these options ask for, made once (keys are loaded now). */
    Reader reader() {
        return new Reader(store, check.check());
    }

    /** Opens the store afresh for each read, always with the same record check. */
    record Reader(StoreOptions store, RecordCheck check) {

        /** What {@code read} makes of the open store and the record check. */
        <T> T read(BiFunction<ProvenanceStore, RecordCheck, T> read) {
            try (ProvenanceStore s = store.open()) {
                return read.apply(s, check);
            }
        }
    }
}
