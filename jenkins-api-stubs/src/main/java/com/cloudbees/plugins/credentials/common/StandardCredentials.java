// Compile-only signature mirroring org.jenkins-ci.plugins:credentials (bom-2.504.x; checked against jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/common/StandardCredentials.java @ d96751bc).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
package com.cloudbees.plugins.credentials.common;

public interface StandardCredentials extends IdCredentials {
    String getDescription();
}
