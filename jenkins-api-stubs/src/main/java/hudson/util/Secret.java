// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (checked against jenkinsci/jenkins core/src/main/java/hudson/util/Secret.java @ ff9430ee).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
package hudson.util;

import java.io.Serializable;

public final class Secret implements Serializable {
    private Secret() {
    }

    public String getPlainText() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
