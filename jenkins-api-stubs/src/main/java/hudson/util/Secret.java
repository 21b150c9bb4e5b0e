// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (checked against jenkinsci/jenkins core/src/main/java/hudson/util/Secret.java @ be8bec65, tag jenkins-2.504.3).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;

import java.io.Serializable;

public final class Secret implements Serializable {
    private Secret() {
    }

    @NonNull
    public String getPlainText() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
