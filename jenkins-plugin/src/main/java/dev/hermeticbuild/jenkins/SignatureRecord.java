package dev.hermeticbuild.jenkins;

import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** A bundle this build made: what it covers, its kind and the key that signed it. */
@ExportedBean(defaultVisibility = 2)
public final class SignatureRecord {

    private final String artifact;
    private final String bundle;
    private final String kind;
    private final String keyId;

    SignatureRecord(String artifact, String bundle, String kind, String keyId) {
        this.artifact = artifact;
        this.bundle = bundle;
        this.kind = kind;
        this.keyId = keyId;
    }

    @Exported
    public String getArtifact() {
        return artifact;
    }

    /** The bundle's file name in the build's {@code hermetic/} directory (download link). */
    @Exported
    public String getBundle() {
        return bundle;
    }

    @Exported
    public String getKind() {
        return kind;
    }

    @Exported
    public String getKeyId() {
        return keyId;
    }

    /** The key id shortened for the tab (the full id is its tooltip and in api/json). */
    public String getShortKeyId() {
        return keyId == null || keyId.length() <= 16 ? keyId : keyId.substring(0, 16) + "…";
    }
}
