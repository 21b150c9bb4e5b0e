// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (checked against jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java @ be8bec65, tag jenkins-2.504.3).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Omitted: the Loadable, Saveable and OnMaster interfaces and every member the plugin does not call.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor(Class<? extends T> clazz) {
    }

    protected Descriptor() {
    }

    @NonNull
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public synchronized void save() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public synchronized void load() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
