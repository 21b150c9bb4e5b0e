package dev.hermeticbuild.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hermetic admission}: the Kubernetes validating admission webhook (serve, manifests). */
@Command(name = "admission", mixinStandardHelpOptions = true,
        description = "Kubernetes admission webhook: admit only images pinned by digest whose attestations verify against a policy.",
        subcommands = {AdmissionServeCommand.class, AdmissionManifestsCommand.class, HelpCommand.class})
final class AdmissionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
