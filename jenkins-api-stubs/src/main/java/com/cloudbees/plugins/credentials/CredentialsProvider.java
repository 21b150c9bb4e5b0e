// Compile-only signature mirroring org.jenkins-ci.plugins:credentials (bom-2.504.x; checked against jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java @ d96751bc).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Omitted: IconSpec and every member the plugin does not call.
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Run;

public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider> {

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static <C extends Credentials> C track(Run build, C credentials) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
