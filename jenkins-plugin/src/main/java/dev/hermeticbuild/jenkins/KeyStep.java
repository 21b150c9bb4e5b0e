package dev.hermeticbuild.jenkins;

import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/** A step that uses a key from a Jenkins credential (optional: the global default applies when unset). */
public abstract class KeyStep extends Step {

    private String credentialsId;

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = credentialsId;
    }
}
