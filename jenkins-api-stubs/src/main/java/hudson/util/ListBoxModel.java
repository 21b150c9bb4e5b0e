// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (checked against jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java @ be8bec65, tag jenkins-2.504.3).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Simplified: the real class also implements org.kohsuke.stapler.HttpResponse; only the members the plugin calls.
package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {

    public ListBoxModel() {
    }

    public void add(@NonNull String displayName, @NonNull String value) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static final class Option {
        private Option() {
        }
    }
}
