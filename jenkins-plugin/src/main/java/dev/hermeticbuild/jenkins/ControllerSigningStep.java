package dev.hermeticbuild.jenkins;

import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A step that signs workspace files on the controller with a credential's key ({@code signArtifact},
 * {@code attest}): it holds the files' glob and the key, and runs its one signing call once.
 *
 * @param <T> what the step returns to the Pipeline
 */
public abstract class ControllerSigningStep<T> extends KeyStep {

    private final String artifacts;

    protected ControllerSigningStep(String artifacts) {
        this.artifacts = artifacts;
    }

    public String getArtifacts() {
        return artifacts;
    }

    /** The step's function name, as the Pipeline calls it. */
    abstract String functionName();

    /** Signs the files, on the controller, in the step's context. */
    abstract T sign(StepContext context) throws Exception;

    @Override
    public StepExecution start(StepContext context) {
        return new Execution<>(this, context);
    }

    private static final class Execution<T> extends NonResumableExecution<T> {
        private static final long serialVersionUID = 1L;
        private final transient ControllerSigningStep<T> step;

        Execution(ControllerSigningStep<T> step, StepContext context) {
            super(step.functionName(), context);
            this.step = step;
        }

        @Override
        protected T run() throws Exception {
            return OneLine.run(() -> step.sign(getContext()));
        }
    }

    /** The descriptor of a signing step: its function name, its display name from the messages, the context it needs. */
    public abstract static class SigningDescriptor extends StepDescriptor {
        private final String functionName;
        private final String displayNameKey;
        private final Set<? extends Class<?>> requiredContext;

        protected SigningDescriptor(String functionName, String displayNameKey, Set<? extends Class<?>> requiredContext) {
            this.functionName = functionName;
            this.displayNameKey = displayNameKey;
            this.requiredContext = requiredContext;
        }

        @Override
        public String getFunctionName() {
            return functionName;
        }

        @Override
        public String getDisplayName() {
            return Text.get(displayNameKey);
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return requiredContext;
        }
    }
}
