// Compile-only signature mirroring org.jenkins-ci.plugins:credentials (1415.v831096eb_5534, as BOM 5015 pins it; checked against jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/Credentials.java @ 831096eb, tag 1415.v831096eb_5534).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Omitted: getScope() and the covariant getDescriptor() (CredentialsScope, CredentialsDescriptor): the plugin reads credentials, never implements them.
package com.cloudbees.plugins.credentials;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import java.io.Serializable;

public interface Credentials extends Describable<Credentials>, Serializable, ExtensionPoint {
}
