package dev.hermeticbuild.jenkins;

import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One {@code verifyArtifact} outcome: passed with its checks and key, or failed with its reasons. */
@ExportedBean(defaultVisibility = 2)
public final class VerificationRecord {

    private final String artifact;
    private final boolean passed;
    private final String keyId;
    private final List<String> details;

    VerificationRecord(String artifact, boolean passed, String keyId, List<String> details) {
        this.artifact = artifact;
        this.passed = passed;
        this.keyId = keyId;
        this.details = List.copyOf(details);
    }

    @Exported
    public String getArtifact() {
        return artifact;
    }

    @Exported
    public boolean isPassed() {
        return passed;
    }

    @Exported
    public String getKeyId() {
        return keyId;
    }

    /** The checks that passed, or the reasons it failed. */
    @Exported
    public List<String> getDetails() {
        return details;
    }

    /** The details as the tab shows them: comma-separated. */
    public String getDetailsText() {
        return String.join(", ", details);
    }
}
