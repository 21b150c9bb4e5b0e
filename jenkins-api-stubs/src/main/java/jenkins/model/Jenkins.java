// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Simplified: only get() and ADMINISTER; the real class extends AbstractCIBase and implements many more interfaces.
package jenkins.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

public class Jenkins implements AccessControlled {
    public static final Permission ADMINISTER = null;

    public static Jenkins get() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
