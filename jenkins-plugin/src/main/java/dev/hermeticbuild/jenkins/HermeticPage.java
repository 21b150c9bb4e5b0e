package dev.hermeticbuild.jenkins;

import hudson.model.Action;
import hudson.model.Api;

/**
 * A page of ours on a job or a build: the fingerprint icon, a display name from the messages and
 * the page's {@code api/json} and {@code api/xml}. It holds no state, so a page kept in a build's
 * XML reads back unchanged.
 */
public abstract class HermeticPage implements Action {

    /** The key of the page's display name in the messages. */
    abstract String displayNameKey();

    /** {@code api/json} and {@code api/xml} of this page. */
    public Api getApi() {
        return new Api(this);
    }

    @Override
    public String getIconFileName() {
        return "fingerprint.png";
    }

    @Override
    public String getDisplayName() {
        return Text.get(displayNameKey());
    }
}
