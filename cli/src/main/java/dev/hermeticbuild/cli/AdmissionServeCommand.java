package dev.hermeticbuild.cli;

import dev.hermeticbuild.admission.AdmissionPolicy;
import dev.hermeticbuild.admission.AdmissionPolicyFile;
import dev.hermeticbuild.admission.AdmissionServer;
import dev.hermeticbuild.admission.AdmissionServerOptions;
import dev.hermeticbuild.admission.AuditLog;
import dev.hermeticbuild.admission.ClientAuthentication;
import dev.hermeticbuild.admission.ImageVerifier;
import dev.hermeticbuild.admission.TlsIdentity;
import dev.hermeticbuild.metrics.MetricsEndpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hermetic admission serve}: reads and checks the policy and the TLS files, then serves the
 * webhook until stopped. Images are verified from their registries by digest
 * ({@link RegistryAdmissionVerifier}: the checks of {@code verify --image}).
 */
@Command(name = "serve", description = "Serve the validating admission webhook over HTTPS: POST /validate (AdmissionReview v1),"
        + " GET /healthz, GET /metrics (Prometheus); one JSON audit line per decision. Runs until stopped.")
final class AdmissionServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--policy", required = true, paramLabel = "FILE", description = "The admission policy (YAML; docs/how-to/admission.md).")
    Path policy;

    @Option(names = "--tls-cert", required = true, paramLabel = "FILE", description = "The serving certificate chain, PEM (tls.crt of the TLS secret).")
    Path tlsCert;

    @Option(names = "--tls-key", required = true, paramLabel = "FILE", description = "Its unencrypted private key, PEM (tls.key).")
    Path tlsKey;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Where to listen (default 127.0.0.1:8443; 0.0.0.0:8443 in a pod).")
    String listen = "127.0.0.1:8443";

    @Option(names = "--client-ca", paramLabel = "FILE", description = "Decide reviews only from clients with a TLS certificate"
            + " issued by a CA in FILE (PEM): the API server's, as its AdmissionConfiguration presents it. Without it anyone who"
            + " reaches the port can send reviews. /healthz and /metrics need no certificate.")
    Path clientCa;

    @Option(names = "--client-name", paramLabel = "NAME", description = "With --client-ca: the client certificate must name NAME"
            + " (subject CN or DNS name, exactly). Needed when the CA also issues certificates to others.")
    java.util.List<String> clientNames = new java.util.ArrayList<>();

    @Option(names = "--audit-log", paramLabel = "FILE", description = "Append the decision lines to FILE (default: standard error).")
    Path auditLog;

    @picocli.CommandLine.Mixin
    RegistryAccessOptions registry;

    @Option(names = "--store", paramLabel = "JDBC-URL", description = "Record each image checked (by digest) as a deploy-time"
            + " verification in this provenance store (hermetic metrics: hermetic_deploy_verifications); written in the background.")
    String store;

    @picocli.CommandLine.Mixin
    StoreKeyOptions storeKey;

    @picocli.CommandLine.Mixin
    JsonOption json;

    @Override
    public Integer call() throws InterruptedException {
        if (clientCa == null && !clientNames.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--client-name needs --client-ca: the names are checked in the"
                    + " certificates that CA issued");
        }
        AdmissionPolicy read = AdmissionPolicyFile.read(policy, Clock.systemUTC());
        TlsIdentity tls = TlsIdentity.load(tlsCert, tlsKey);
        AdmissionServerOptions.Builder builder = AdmissionServerOptions.builder(tls)
                .listen(MetricsEndpoint.parseAddress("--listen", listen));
        if (clientCa != null) {
            builder.clients(ClientAuthentication.load(clientCa, clientNames));
        }
        AdmissionServerOptions options = builder.audit(audit()).build();
        ImageVerifier verifier = new RegistryAdmissionVerifier(registry.options());
        // the JDK server's only guard against a client that sends its request slowly; read once, when the first server starts
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", "10");
        System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", "10");
        try (AdmissionServer server = AdmissionServer.start(options, read, verifier, new RegistryTagResolver(registry.options()))) {
            spec.commandLine().getErr().println("hermetic: admission webhook on https://" + server.address().getHostString() + ":"
                    + server.address().getPort() + " (" + read.rules().size() + " rule(s), mode " + read.mode().id() + ")");
            spec.commandLine().getErr().println(options.clients().map(c -> "hermetic: reviews only from client certificates of --client-ca "
                    + dev.hermeticbuild.Printable.escape(clientCa) + (c.names().isEmpty() ? "" : " naming " + String.join(" or ", clientNames)))
                    .orElse("hermetic: warning: no --client-ca: anyone who reaches this port can send reviews, and fill the audit log"
                            + " and the metrics with decisions on them"));
            spec.commandLine().getErr().flush();
            new CountDownLatch(1).await();
        }
        return ExitCodes.OK;
    }

    private AuditLog audit() {
        AuditLog log = auditLog == null ? AuditLog.to(System.err) : AuditLog.toFile(auditLog);
        return store == null ? log : log.alsoTo(new AdmissionStoreRecorder(store, storeKey.signer(), System.err));
    }
}
