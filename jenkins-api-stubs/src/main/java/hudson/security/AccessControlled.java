// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (checked against jenkinsci/jenkins core/src/main/java/hudson/security/AccessControlled.java @ be8bec65, tag jenkins-2.504.3).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Simplified: getACL() omitted; checkPermission's AccessDeniedException is unchecked in the real type.
package hudson.security;

public interface AccessControlled {
    default void checkPermission(Permission permission) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
