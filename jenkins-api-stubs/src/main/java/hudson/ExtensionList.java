// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (checked against jenkinsci/jenkins core/src/main/java/hudson/ExtensionList.java @ be8bec65, tag jenkins-2.504.3).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Omitted: the OnMaster marker interface and every member the plugin does not call.
package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;

import java.util.AbstractList;

public class ExtensionList<T> extends AbstractList<T> {
    public static @NonNull <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
