// Compile-only signature mirroring org.jenkins-ci.plugins.workflow:workflow-step-api (bom-2.504.x; checked against jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/StepDescriptor.java @ 3e456cc8, tag 710.v3e456cc85233, the version BOM 5983.v443959746f1f pins for 2.504.x).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

public abstract class StepDescriptor extends Descriptor<Step> {
    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();
}
