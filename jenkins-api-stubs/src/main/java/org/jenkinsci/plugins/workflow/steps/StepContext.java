// Compile-only signature mirroring org.jenkins-ci.plugins.workflow:workflow-step-api (bom-2.504.x; checked against jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/StepContext.java @ 3e456cc8, tag 710.v3e456cc85233, the version BOM 5983.v443959746f1f pins for 2.504.x).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Simplified: the real class implements Guava's FutureCallback<Object> (onSuccess/onFailure come from it).
package org.jenkinsci.plugins.workflow.steps;

import java.io.IOException;
import java.io.Serializable;

public abstract class StepContext implements Serializable {
    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    public abstract void onSuccess(Object result);

    public abstract void onFailure(Throwable t);
}
