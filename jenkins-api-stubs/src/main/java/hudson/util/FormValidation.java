// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (checked against jenkinsci/jenkins core/src/main/java/hudson/util/FormValidation.java @ be8bec65, tag jenkins-2.504.3).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Simplified: the real class also implements org.kohsuke.stapler.HttpResponse; only the factories the plugin calls.
package hudson.util;

import java.io.IOException;

public abstract class FormValidation extends IOException {

    private FormValidation() {
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static FormValidation ok(String message) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
