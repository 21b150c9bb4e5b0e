// Compile-only signature mirroring org.jenkins-ci.plugins:plain-credentials (199.v9f8e1f741799, as BOM 5983.v443959746f1f pins it for 2.504.x; checked against jenkinsci/plain-credentials-plugin src/main/java/org/jenkinsci/plugins/plaincredentials/FileCredentials.java @ 9f8e1f74, tag 199.v9f8e1f741799).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import java.io.InputStream;

public interface FileCredentials extends StandardCredentials {
    @NonNull
    String getFileName();

    @NonNull
    InputStream getContent() throws IOException;
}
