// Compile-only signature mirroring org.jenkins-ci.plugins.workflow:workflow-step-api (bom-2.504.x; checked against jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/SynchronousNonBlockingStepExecution.java @ 3e456cc8, tag 710.v3e456cc85233, the version BOM 5983.v443959746f1f pins for 2.504.x).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
package org.jenkinsci.plugins.workflow.steps;

public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
