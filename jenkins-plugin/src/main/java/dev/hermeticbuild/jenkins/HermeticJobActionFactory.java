package dev.hermeticbuild.jenkins;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/** Adds the "Hermetic builds" page to every job. */
@Extension
@SuppressWarnings("rawtypes")
public final class HermeticJobActionFactory extends TransientActionFactory<Job> {

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @Override
    public Collection<? extends Action> createFor(Job target) {
        return List.of(new HermeticJobAction(target));
    }
}
