package dev.hermeticbuild.jenkins;

import dev.hermeticbuild.report.Dashboard;
import dev.hermeticbuild.store.ProvenanceStore;
import dev.hermeticbuild.store.ProvenanceStores;
import dev.hermeticbuild.store.RecordCheck;
import dev.hermeticbuild.verify.Keyring;
import hudson.Extension;
import hudson.model.RootAction;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;

/**
 * The Jenkins-wide provenance dashboard ({@code /hermetic-dashboard/}): the same SLIs and views
 * as {@code hermetic report}, computed from the configured store over the last 30 days, every
 * signature checked against the global trusted public keys. It shows
 * every job's provenance, so only administrators see it (per-job read rights cannot be checked
 * against store records).
 */
@Extension
public final class HermeticDashboardAction implements RootAction {

    static final Duration WINDOW = Duration.ofDays(30);

    @Override
    public String getIconFileName() {
        boolean shown = !HermeticGlobalConfiguration.get().getStoreUrl().isBlank() && Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        return shown ? "symbol-shield-checkmark-outline plugin-ionicons-api" : null;
    }

    @Override
    public String getDisplayName() {
        return Text.get("Dashboard.DisplayName");
    }

    @Override
    public String getUrlName() {
        return "hermetic-dashboard";
    }

    /** The page itself. Without a store URL there is nothing to show, and the page says so. */
    public HttpResponse doIndex() throws java.io.IOException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        Optional<String> url;
        try {
            url = StoreHook.url();
        } catch (hudson.AbortException e) {
            return HttpResponses.text(e.getMessage());
        }
        if (url.isEmpty()) {
            return HttpResponses.text(Text.get("Dashboard.NoStore"));
        }
        // Signatures are checked against the globally trusted keys, never taken from the records.
        RecordCheck check = RecordCheck.trusting(Keyring.fromPem(HermeticGlobalConfiguration.get().getTrustedPublicKeys(),
                "trusted public keys"));
        try (ProvenanceStore store = ProvenanceStores.open(url.get())) {
            return HttpResponses.html(Dashboard.render(Dashboard.Input.from(store, WINDOW, "30d", Instant.now(), check)));
        }
    }
}
