// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (checked against jenkinsci/jenkins core/src/main/java/hudson/model/Run.java @ be8bec65, tag jenkins-2.504.3).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Omitted: AccessControlled, PersistenceRoot, DescriptorByNameOwner, OnMaster, StaplerProxy, HistoricalBuild, WithConsoleUrl.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.EnvVars;
import hudson.ExtensionPoint;
import java.io.File;
import java.io.IOException;

public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        extends Actionable implements ExtensionPoint, Comparable<RunT> {
    protected Run(@NonNull JobT job) throws IOException {
        throw new UnsupportedOperationException("compile-only stub");
    }


    public @NonNull JobT getParent() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public @NonNull String getUrl() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public final long getTimeInMillis() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public @NonNull File getRootDir() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public @CheckForNull RunT getPreviousBuild() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public EnvVars getEnvironment(TaskListener listener) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
