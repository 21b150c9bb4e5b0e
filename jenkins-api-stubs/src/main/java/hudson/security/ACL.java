// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (checked against jenkinsci/jenkins core/src/main/java/hudson/security/ACL.java @ be8bec65, tag jenkins-2.504.3).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Simplified: only SYSTEM2.
package hudson.security;

import org.springframework.security.core.Authentication;

public abstract class ACL {
    public static final Authentication SYSTEM2 = null;
}
