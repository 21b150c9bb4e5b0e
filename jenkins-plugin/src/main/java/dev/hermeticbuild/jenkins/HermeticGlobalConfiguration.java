package dev.hermeticbuild.jenkins;

import dev.hermeticbuild.agent.CiSettings;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import jenkins.model.Jenkins;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins → System → Hermetic build: builder id, default tier, trusted public keys and
 * default signing credential, as plain properties so Configuration as Code can set them. The
 * credential dropdowns and field checks answer administrators only, over POST.
 */
@Extension
@Symbol("hermeticBuild")
public final class HermeticGlobalConfiguration extends GlobalConfiguration {

    private String builderId = "";
    private String defaultTier = "release";
    private String trustedPublicKeys = "";
    private String defaultSigningCredentialsId = "";
    private String storeUrl = "";
    private String storeCredentialsId = "";

    public HermeticGlobalConfiguration() {
        load();
    }

    /** The instance Jenkins holds. */
    public static HermeticGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(HermeticGlobalConfiguration.class);
    }

    public String getBuilderId() {
        return builderId;
    }

    @DataBoundSetter
    public void setBuilderId(String builderId) {
        this.builderId = builderId == null ? "" : builderId.trim();
        save();
    }

    public String getDefaultTier() {
        return defaultTier;
    }

    @DataBoundSetter
    public void setDefaultTier(String defaultTier) {
        this.defaultTier = defaultTier == null || defaultTier.isBlank() ? "release" : defaultTier.trim();
        save();
    }

    public String getTrustedPublicKeys() {
        return trustedPublicKeys;
    }

    @DataBoundSetter
    public void setTrustedPublicKeys(String trustedPublicKeys) {
        this.trustedPublicKeys = trustedPublicKeys == null ? "" : trustedPublicKeys;
        save();
    }

    public String getDefaultSigningCredentialsId() {
        return defaultSigningCredentialsId;
    }

    @DataBoundSetter
    public void setDefaultSigningCredentialsId(String id) {
        this.defaultSigningCredentialsId = id == null ? "" : id.trim();
        save();
    }

    /** The provenance store every hermeticBuild records into (jdbc:sqlite:FILE or jdbc:postgresql://...); empty for none. */
    public String getStoreUrl() {
        return storeUrl;
    }

    @DataBoundSetter
    public void setStoreUrl(String storeUrl) {
        this.storeUrl = storeUrl == null ? "" : storeUrl.trim();
        save();
    }

    /** A secret-text credential holding the store's database password (PostgreSQL). */
    public String getStoreCredentialsId() {
        return storeCredentialsId;
    }

    @DataBoundSetter
    public void setStoreCredentialsId(String id) {
        this.storeCredentialsId = id == null ? "" : id.trim();
        save();
    }

    /** The default signing credential's choices: the controller's file and secret-text credentials (administrators only). */
    @POST
    public ListBoxModel doFillDefaultSigningCredentialsIdItems() {
        return ControllerCredentials.choices(FileCredentials.class, StringCredentials.class);
    }

    /** The store password's choices: the controller's secret-text credentials (administrators only). */
    @POST
    public ListBoxModel doFillStoreCredentialsIdItems() {
        return ControllerCredentials.choices(StringCredentials.class);
    }

    @POST
    public FormValidation doCheckBuilderId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return CiSettings.builderId(value).map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    @POST
    public FormValidation doCheckDefaultTier(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return CiSettings.tier(value).map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    @POST
    public FormValidation doCheckTrustedPublicKeys(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return CiSettings.trustedKeys(value).map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    @POST
    public FormValidation doCheckStoreUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return CiSettings.storeUrl(value).map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    @Override
    public String getDisplayName() {
        return Text.get("GlobalConfiguration.DisplayName");
    }
}
