package dev.hermeticbuild.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs the command directly on the host, in the workspace, with the clean environment only.
 * Allowed for the dev tier alone, on explicit request; provenance then records the build as
 * non-hermetic, and the egress probe shows what it could reach.
 */
public final class NoSandbox implements Sandbox {

    @Override
    public String mechanism() {
        return "none";
    }

    @Override
    public boolean isolates() {
        return false;
    }

    @Override
    public List<String> commandLine(SandboxSpec spec, List<String> command) {
        if (spec.linkFarm().isPresent()) {
            throw new IsolationException("without a sandbox nothing lays out a link farm: lay it out on the host");
        }
        return UmaskWrapper.wrap(spec.umask(), command);
    }

    @Override
    public Path hostWorkingDirectory(SandboxSpec spec) {
        return spec.workspace();
    }
}
