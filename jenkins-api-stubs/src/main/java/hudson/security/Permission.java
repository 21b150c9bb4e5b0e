// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (checked against jenkinsci/jenkins core/src/main/java/hudson/security/Permission.java @ be8bec65, tag jenkins-2.504.3).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Simplified: constructors, groups and the implied-permission chain omitted (the plugin only names Jenkins.ADMINISTER).
package hudson.security;

public final class Permission {
    private Permission() {
    }
}
