// Compile-only signature mirroring org.jenkins-ci.plugins:credentials (1415.v831096eb_5534, as BOM 5015 pins it; checked against jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/domains/DomainRequirement.java @ 831096eb, tag 1415.v831096eb_5534).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
package com.cloudbees.plugins.credentials.domains;

import hudson.ExtensionPoint;
import java.io.Serializable;

public class DomainRequirement implements ExtensionPoint, Serializable {
}
