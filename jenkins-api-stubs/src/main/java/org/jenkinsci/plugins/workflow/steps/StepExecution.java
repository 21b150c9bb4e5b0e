// Compile-only signature mirroring org.jenkins-ci.plugins.workflow:workflow-step-api (bom-2.504.x; checked against jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java @ 6e45cba5, tag 700.v6e45cb_a_5a_a_21, the version BOM 5015 pins).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    protected StepExecution() {
    }

    protected StepExecution(StepContext context) {
    }

    public StepContext getContext() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void onResume() {
    }
}
