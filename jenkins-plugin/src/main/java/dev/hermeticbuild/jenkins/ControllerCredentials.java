package dev.hermeticbuild.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * Where the plugin looks credentials up. What an administrator configures (the default signing
 * key, the store password) is read at system level, so it may be SYSTEM-scoped and no Jenkinsfile
 * can reach it through {@code withCredentials}; what a step names is read in the job's own
 * context (its folders and the global store), as any other step's credentials are.
 */
final class ControllerCredentials {

    /** What the error says was searched, when a credential is not found. */
    static final String SYSTEM_SCOPES = "the controller's system credentials (SYSTEM and GLOBAL scope)";
    static final String JOB_SCOPES = "the credentials this job may use (its folders', and GLOBAL scope on the controller)";

    private ControllerCredentials() {
    }

    /** Credential {@code id} of one of {@code types} from the controller's own store, SYSTEM scope included. */
    @SafeVarargs
    static Optional<StandardCredentials> system(String id, Class<? extends StandardCredentials>... types) {
        for (Class<? extends StandardCredentials> type : types) {
            for (StandardCredentials c : CredentialsProvider.lookupCredentialsInItemGroup(type, Jenkins.get(), ACL.SYSTEM2, List.of())) {
                if (id.equals(c.getId())) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /** Credential {@code id} of one of {@code types} as the build {@code run} may use it (never SYSTEM scope). */
    @SafeVarargs
    static Optional<StandardCredentials> forJob(Run<?, ?> run, String id, Class<? extends StandardCredentials>... types) {
        for (Class<? extends StandardCredentials> type : types) {
            IdCredentials c = CredentialsProvider.findCredentialById(id, type, run);
            if (c instanceof StandardCredentials standard) {
                return Optional.of(standard);
            }
        }
        return Optional.empty();
    }

    /**
     * The choices of a configuration dropdown: none, then every system-level credential of the
     * types, by id and description; nothing for anyone but an administrator.
     */
    @SafeVarargs
    static ListBoxModel choices(Class<? extends StandardCredentials>... types) {
        ListBoxModel model = new ListBoxModel();
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return model;
        }
        model.add(Text.get("Credentials.None"), "");
        for (Class<? extends StandardCredentials> type : types) {
            for (StandardCredentials c : CredentialsProvider.lookupCredentialsInItemGroup(type, Jenkins.get(), ACL.SYSTEM2, List.of())) {
                String description = c.getDescription();
                model.add(description == null || description.isBlank() ? c.getId() : c.getId() + " (" + description + ")", c.getId());
            }
        }
        return model;
    }
}
