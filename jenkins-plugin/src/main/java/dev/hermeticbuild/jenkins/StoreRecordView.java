package dev.hermeticbuild.jenkins;

import java.io.Serializable;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** Where a build's provenance sits in the provenance store's log: its position and hash. */
@ExportedBean(defaultVisibility = 2)
public final class StoreRecordView implements Serializable {

    private static final long serialVersionUID = 1L;
    private final long seq;
    private final String hash;
    private final String store;

    StoreRecordView(long seq, String hash, String store) {
        this.seq = seq;
        this.hash = hash;
        this.store = store;
    }

    @Exported
    public long getSeq() {
        return seq;
    }

    @Exported
    public String getHash() {
        return hash;
    }

    @Exported
    public String getStore() {
        return store;
    }
}
