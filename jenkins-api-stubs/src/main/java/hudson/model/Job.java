// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (checked against jenkinsci/jenkins core/src/main/java/hudson/model/Job.java @ be8bec65, tag jenkins-2.504.3).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Simplified: the real Job extends AbstractItem (itself an Actionable); StaplerOverridable, ModelObjectWithChildren and HasWidgets omitted.
package hudson.model;

import hudson.ExtensionPoint;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        extends Actionable implements ExtensionPoint {
    /** The real constructor takes an ItemGroup (not stubbed); no other exists. */
    private Job() {
        throw new UnsupportedOperationException("compile-only stub");
    }


    /** Declared by AbstractItem in the real hierarchy (core/src/main/java/hudson/model/AbstractItem.java). */
    public final String getFullName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public RunT getLastBuild() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
