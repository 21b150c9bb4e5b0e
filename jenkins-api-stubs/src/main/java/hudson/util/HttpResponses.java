// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (checked against jenkinsci/jenkins core/src/main/java/hudson/util/HttpResponses.java @ be8bec65, tag jenkins-2.504.3).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
package hudson.util;

import java.io.File;
import java.io.IOException;
import org.kohsuke.stapler.HttpResponse;

public class HttpResponses extends org.kohsuke.stapler.HttpResponses {
    public static HttpResponse staticResource(File f) throws IOException {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
