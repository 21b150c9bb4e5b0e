package dev.hermeticbuild.jenkins;

import dev.hermeticbuild.report.BuildStatus;
import dev.hermeticbuild.provenance.ProvenanceSummary;
import hudson.model.Api;
import hudson.model.Run;
import hudson.util.HttpResponses;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The Provenance tab of a build that used the hermetic steps: statements, SBOMs, bundles and
 * verifications, each file kept in the build's {@code hermetic/} directory and downloadable.
 */
@ExportedBean
public final class ProvenanceAction implements RunAction2 {

    private final List<String> provenanceFiles = new ArrayList<>();
    private final List<String> sbomFiles = new ArrayList<>();
    private final List<SignatureRecord> signatures = new ArrayList<>();
    private final List<VerificationRecord> verifications = new ArrayList<>();
    private List<String> reproducibilityFiles = new ArrayList<>();
    private List<StoreRecordView> storeRecords = new ArrayList<>();
    private transient File dir;
    private transient Run<?, ?> run;
    /** Parsed once per load and cleared on every change: job pages and api/json ask for these often. */
    private transient List<ProvenanceView> provenanceViews;
    private transient BuildStatus status;

    public ProvenanceAction() {
    }

    /** An action over the files in {@code dir} (the build's {@code hermetic/} directory). */
    ProvenanceAction(File dir) {
        this.dir = dir;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        run = r;
        dir = RunFiles.dir(r);
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        onAttached(r);
    }

    /** The build this tab belongs to (its side panel). */
    public Run<?, ?> getRun() {
        return run;
    }

    /** The build's {@code hermetic/} directory. */
    File dir() {
        return dir;
    }

    synchronized void addProvenance(String file, String sbom) {
        changed();
        provenanceFiles.add(file);
        if (sbom != null) {
            sbomFiles.add(sbom);
        }
    }

    synchronized void addSignature(SignatureRecord record) {
        changed();
        signatures.add(record);
    }

    synchronized void addVerification(VerificationRecord record) {
        changed();
        verifications.add(record);
    }

    synchronized void addReproducibility(String file) {
        if (reproducibilityFiles == null) {
            reproducibilityFiles = new ArrayList<>();
        }
        reproducibilityFiles.add(file);
    }

    synchronized void addStoreRecord(StoreRecordView record) {
        if (storeRecords == null) {
            storeRecords = new ArrayList<>();
        }
        storeRecords.add(record);
    }

    /** Where this build's provenance sits in the provenance store's log. */
    @Exported
    public synchronized List<StoreRecordView> getStoreRecords() {
        return storeRecords == null ? List.of() : List.copyOf(storeRecords);
    }

    /** Reproducibility results of this build (rebuildCheck), with their explanations. */
    @Exported
    public synchronized List<ReproducibilityView> getReproducibility() {
        List<ReproducibilityView> views = new ArrayList<>();
        for (String f : reproducibilityFiles == null ? List.<String>of() : reproducibilityFiles) {
            views.add(new ReproducibilityView(ReproducibilityRecorder.summary(read(f), f)));
        }
        return views;
    }

    @Exported
    public synchronized List<ProvenanceView> getProvenance() {
        if (provenanceViews == null) {
            List<ProvenanceView> views = new ArrayList<>();
            for (String f : provenanceFiles) {
                views.add(new ProvenanceView(f, ProvenanceSummary.of(read(f), f)));
            }
            provenanceViews = List.copyOf(views);
        }
        return provenanceViews;
    }

    private void changed() {
        provenanceViews = null;
        status = null;
    }

    @Exported
    public synchronized List<String> getSboms() {
        return List.copyOf(sbomFiles);
    }

    @Exported
    public synchronized List<SignatureRecord> getSignatures() {
        return List.copyOf(signatures);
    }

    @Exported
    public synchronized List<VerificationRecord> getVerifications() {
        return List.copyOf(verifications);
    }

    /** Hermetic / signed / verified at a glance. */
    public synchronized BuildStatus getStatus() {
        if (status == null) {
            status = BuildStatus.of(getProvenance().stream().map(ProvenanceView::summary).toList(), getSignatures().size(),
                    getVerifications().stream().map(VerificationRecord::isPassed).toList());
        }
        return status;
    }

    /** Serves one of this build's recorded files; any other name is not found. */
    public synchronized HttpResponse doFile(@QueryParameter String name) throws IOException {
        boolean known = provenanceFiles.contains(name) || sbomFiles.contains(name)
                || (reproducibilityFiles != null && reproducibilityFiles.contains(name))
                || signatures.stream().anyMatch(s -> s.getBundle().equals(name));
        if (!known) {
            return HttpResponses.notFound();
        }
        return HttpResponses.staticResource(new File(dir, name));
    }

    private byte[] read(String name) {
        try {
            return Files.readAllBytes(new File(dir, name).toPath());
        } catch (IOException e) {
            throw new dev.hermeticbuild.InputException(Text.get("Action.Unreadable", name, e.getMessage()), e);
        }
    }

    /** {@code api/json} and {@code api/xml} of this page. */
    public Api getApi() {
        return new Api(this);
    }

    @Override
    public String getIconFileName() {
        return "fingerprint.png";
    }

    @Override
    public String getDisplayName() {
        return Text.get("Action.DisplayName");
    }

    @Override
    public String getUrlName() {
        return "provenance";
    }
}
