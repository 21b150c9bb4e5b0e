// Compile-only signature mirroring org.jenkins-ci.plugins:credentials 1480.v2246fd131e83, the version BOM 5983.v443959746f1f pins for 2.504.x (checked against jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/common/IdCredentials.java @ 2246fd13, tag 1480.v2246fd131e83).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;

public interface IdCredentials extends Credentials {
    String getId();
}
