// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (checked against jenkinsci/jenkins core/src/main/java/jenkins/security/SerializableOnlyOverRemoting.java @ ff9430ee).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
package jenkins.security;

public interface SerializableOnlyOverRemoting extends java.io.Serializable {
}
