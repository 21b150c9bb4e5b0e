// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (checked against jenkinsci/jenkins core/src/main/java/hudson/model/Actionable.java @ be8bec65, tag jenkins-2.504.3).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Omitted: the AbstractModelObject superclass and ModelObjectWithContextMenu.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

import java.util.List;

public abstract class Actionable {
    public void addAction(Action a) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    public <T extends Action> List<T> getActions(Class<T> type) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
