// Compile-only signature mirroring org.jenkins-ci.plugins:plain-credentials (1415.v831096eb_5534, as BOM 5015 pins it; checked against jenkinsci/plain-credentials-plugin src/main/java/org/jenkinsci/plugins/plaincredentials/FileCredentials.java @ 19caf8fb).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import java.io.IOException;
import java.io.InputStream;

public interface FileCredentials extends StandardCredentials {
    String getFileName();

    InputStream getContent() throws IOException;
}
