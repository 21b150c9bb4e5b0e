// Compile-only signature mirroring org.jenkins-ci.plugins.workflow:workflow-step-api (bom-2.504.x; checked against jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/SynchronousNonBlockingStepExecution.java @ 6e45cba5, tag 700.v6e45cb_a_5a_a_21, the version BOM 5015 pins).
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
