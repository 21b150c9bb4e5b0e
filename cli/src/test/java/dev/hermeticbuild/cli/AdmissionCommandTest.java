package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.kubernetes.KubernetesYaml;
import dev.hermeticbuild.kubernetes.Manifest;
import dev.hermeticbuild.kubernetes.PodLint;
import dev.hermeticbuild.sign.PemKeys;
import dev.hermeticbuild.testing.TestCerts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AdmissionCommandTest {

    private static final String IMAGE = "registry.example.com/hermetic/agent@sha256:" + "ab".repeat(32);

    @TempDir
    Path dir;

    private Path policy;
    private Path ca;
    private Path cert;
    private Path key;

    @BeforeEach
    void files() throws Exception {
        KeyPair signing = ec();
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/release.pub"), PemKeys.publicPem(signing.getPublic()));
        policy = Files.writeString(dir.resolve("policy.yaml"), """
                rules:
                  - name: apps
                    images: ["registry.example.com/**"]
                    keys: keys
                """);
        KeyPair caKey = ec();
        KeyPair serverKey = ec();
        X509CertificateHolder caCert = TestCerts.caCertificate(caKey, "test CA");
        ca = Files.writeString(dir.resolve("ca.crt"), TestCerts.pem(caCert));
        cert = Files.writeString(dir.resolve("tls.crt"), TestCerts.pem(
                TestCerts.serverCertificate(serverKey.getPublic(), "test CA", caKey.getPrivate(), "127.0.0.1")));
        key = Files.writeString(dir.resolve("tls.key"), TestCerts.pem(new JcaPKCS8Generator(serverKey.getPrivate(), null)));
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** The objects {@code admission manifests} prints with {@code extra} options, its Deployment checked to lint clean. */
    private List<Manifest> manifests(String... extra) {
        List<String> args = new ArrayList<>(List.of("admission", "manifests", "--policy", policy.toString(), "--ca-bundle", ca.toString(),
                "--image", IMAGE));
        args.addAll(List.of(extra));
        BuildCommandTest.Run r = BuildCommandTest.hermetic(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        List<Manifest> objects = KubernetesYaml.parse("stdout", r.out());
        assertTrue(PodLint.lint(List.of(objects.get(2)), List.of(), Optional.empty(), Optional.empty()).clean());
        return objects;
    }

    @Test
    void manifestsPrintsAWebhookWhosePodLintsCleanAndRunsServe() {
        List<Manifest> objects = manifests();
        assertEquals(List.of("ValidatingWebhookConfiguration", "NetworkPolicy", "Deployment", "Service"),
                objects.stream().map(Manifest::kind).toList());
        CommandLine.ParseResult serve = parseServe(objects.get(2));
        assertFalse(serve.hasMatchedOption("--registry-auth"));
        assertFalse(serve.hasMatchedOption("--client-ca"));
    }

    @Test
    void podLintWebhookPassesEverythingManifestsPrintsAndRefusesAnAgentsOptions() throws Exception {
        BuildCommandTest.Run printed = BuildCommandTest.hermetic("admission", "manifests", "--policy", policy.toString(),
                "--ca-bundle", ca.toString(), "--image", IMAGE, "--registry-port", "5000");
        assertEquals(0, printed.exit(), printed.err());
        Path webhook = Files.writeString(dir.resolve("webhook.yaml"), printed.out());
        BuildCommandTest.Run lint = BuildCommandTest.hermetic("pod-lint", "--webhook", "--registry-port", "5000", webhook.toString());
        assertEquals(0, lint.exit(), lint.out() + lint.err());
        assertEquals("clean: 1 pod spec; network policies checked\n", lint.out());

        BuildCommandTest.Run without = BuildCommandTest.hermetic("pod-lint", "--webhook", webhook.toString());
        assertEquals(1, without.exit(), "port 5000 is open but not given: " + without.out());
        assertTrue(without.out().contains("spec.egress[1].ports[1]: allows egress on TCP/5000; the webhook needs only DNS (53) and the"
                + " registries' TCP ports [443] [egress-port]"), without.out());

        BuildCommandTest.Run agent = BuildCommandTest.hermetic("pod-lint", "--webhook", "--controller", "jenkins.ci.svc:50000", webhook.toString());
        assertEquals(2, agent.exit());
        assertTrue(agent.err().contains("--webhook checks the webhook's own needs"), agent.err());
        BuildCommandTest.Run port = BuildCommandTest.hermetic("pod-lint", "--registry-port", "5000", webhook.toString());
        assertEquals(2, port.exit());
        assertTrue(port.err().contains("--registry-port needs --webhook"), port.err());
    }

    @Test
    void manifestsPassTheClientCaAndNamesToServe() {
        List<Manifest> objects = manifests("--client-ca-configmap", "apiserver-client-ca",
                "--client-name", "kube-apiserver", "--client-name", "apiserver.kube-system.svc");
        CommandLine.ParseResult serve = parseServe(objects.get(2));
        assertEquals(Path.of("/etc/hermetic/client-ca/ca.crt"), serve.matchedOptionValue("--client-ca", null));
        assertEquals(List.of("kube-apiserver", "apiserver.kube-system.svc"), serve.matchedOptionValue("--client-name", List.of()));

        BuildCommandTest.Run namesAlone = BuildCommandTest.hermetic("admission", "manifests", "--policy", policy.toString(),
                "--ca-bundle", ca.toString(), "--image", IMAGE, "--client-name", "kube-apiserver");
        assertEquals(2, namesAlone.exit());
        assertTrue(namesAlone.err().contains("--client-name needs --client-ca-configmap"), namesAlone.err());
        assertEquals("", namesAlone.out());
    }

    @Test
    void manifestsMountThePullSecretForServeAndOpenTheRegistryPorts() {
        List<Manifest> objects = manifests("--registry-auth-secret", "registry-pull", "--registry-port", "5000", "--registry-port", "8443");
        CommandLine.ParseResult serve = parseServe(objects.get(2));
        assertEquals(Path.of("/etc/hermetic/registry-auth/.dockerconfigjson"), serve.matchedOptionValue("--registry-auth", null),
                "admission serve takes the mounted secret's .dockerconfigjson");
        assertEquals("registry-pull", objects.get(2).node().at("/spec/template/spec/volumes/2/secret/secretName").asText());
        List<Integer> ports = new ArrayList<>();
        objects.get(1).node().at("/spec/egress/1/ports").forEach(p -> ports.add(p.path("port").asInt()));
        assertEquals(List.of(443, 5000, 8443), ports);
    }

    @Test
    void manifestsRefuseABadSecretNameOrPort() {
        BuildCommandTest.Run name = BuildCommandTest.hermetic("admission", "manifests", "--policy", policy.toString(),
                "--ca-bundle", ca.toString(), "--image", IMAGE, "--registry-auth-secret", "Registry_Pull");
        assertEquals(2, name.exit());
        assertTrue(name.err().contains("--registry-auth-secret 'Registry_Pull': not a Kubernetes object name"), name.err());
        assertEquals("", name.out());
        BuildCommandTest.Run port = BuildCommandTest.hermetic("admission", "manifests", "--policy", policy.toString(),
                "--ca-bundle", ca.toString(), "--image", IMAGE, "--registry-port", "70000");
        assertEquals(2, port.exit());
        assertTrue(port.err().contains("--registry-port 70000: not a TCP port (1 to 65535)"), port.err());
    }

    /** The webhook container's command line, parsed by hermetic itself: it must be {@code admission serve}. */
    private static CommandLine.ParseResult parseServe(Manifest deployment) {
        JsonNode args = deployment.node().path("spec").path("template").path("spec").path("containers").get(0).path("args");
        List<String> words = new ArrayList<>();
        args.forEach(a -> words.add(a.asText()));
        CommandLine cli = HermeticCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        CommandLine.ParseResult parsed = cli.parseArgs(words.toArray(String[]::new));
        CommandLine.ParseResult serve = parsed.subcommand().subcommand();
        assertEquals("serve", serve.commandSpec().name(), "the pod runs a command line hermetic accepts");
        return serve;
    }

    @Test
    void manifestsRefusesAnUnpinnedImage() {
        BuildCommandTest.Run r = BuildCommandTest.hermetic("admission", "manifests", "--policy", policy.toString(),
                "--ca-bundle", ca.toString(), "--image", "registry.example.com/hermetic/agent:latest");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--image registry.example.com/hermetic/agent:latest: not pinned by digest"), r.err());
    }

    /** What {@code admission serve} with {@code extra} prints on standard error once it listens (its first two lines); then it is stopped. */
    private String serveStarted(String... extra) throws Exception {
        java.util.concurrent.CountDownLatch listening = new java.util.concurrent.CountDownLatch(1);
        StringBuffer seen = new StringBuffer();
        java.io.Writer err = new java.io.Writer() {
            @Override
            public void write(char[] text, int offset, int length) {
                seen.append(text, offset, length);
                if (seen.chars().filter(c -> c == '\n').count() >= 2) {
                    listening.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        List<String> args = new ArrayList<>(List.of("admission", "serve", "--policy", policy.toString(), "--tls-cert", cert.toString(),
                "--tls-key", key.toString(), "--listen", "127.0.0.1:0", "--audit-log", dir.resolve("audit.log").toString()));
        args.addAll(List.of(extra));
        Thread server = new Thread(() -> HermeticCommand.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter()),
                new PrintWriter(err, true)), "admission-serve-test");
        server.start();
        try {
            assertTrue(listening.await(60, java.util.concurrent.TimeUnit.SECONDS), "serve did not start: " + seen);
        } finally {
            server.interrupt();
            server.join();
        }
        return seen.toString();
    }

    @Test
    void serveSaysAtStartWhoMaySendReviews() throws Exception {
        String open = serveStarted();
        assertTrue(open.contains("hermetic: warning: no --client-ca: anyone who reaches this port can send reviews"), open);
        String closed = serveStarted("--client-ca", ca.toString(), "--client-name", "kube-apiserver");
        assertTrue(closed.contains("hermetic: reviews only from client certificates of --client-ca " + ca + " naming kube-apiserver\n"),
                closed);
        assertFalse(closed.contains("warning"), closed);
    }

    @Test
    void serveChecksItsInputsBeforeItStarts() {
        BuildCommandTest.Run badKey = BuildCommandTest.hermetic("admission", "serve", "--policy", policy.toString(),
                "--tls-cert", cert.toString(), "--tls-key", cert.toString());
        assertEquals(2, badKey.exit());
        assertTrue(badKey.err().contains("--tls-key " + cert), badKey.err());

        BuildCommandTest.Run badPolicy = BuildCommandTest.hermetic("admission", "serve", "--policy", dir.resolve("none.yaml").toString(),
                "--tls-cert", cert.toString(), "--tls-key", key.toString());
        assertEquals(2, badPolicy.exit());
        assertTrue(badPolicy.err().contains("policy " + dir.resolve("none.yaml") + ": no such file"), badPolicy.err());

        BuildCommandTest.Run namesAlone = BuildCommandTest.hermetic("admission", "serve", "--policy", policy.toString(),
                "--tls-cert", cert.toString(), "--tls-key", key.toString(), "--client-name", "kube-apiserver");
        assertEquals(2, namesAlone.exit());
        assertTrue(namesAlone.err().contains("--client-name needs --client-ca"), namesAlone.err());

        BuildCommandTest.Run badCa = BuildCommandTest.hermetic("admission", "serve", "--policy", policy.toString(),
                "--tls-cert", cert.toString(), "--tls-key", key.toString(), "--client-ca", key.toString());
        assertEquals(2, badCa.exit());
        assertTrue(badCa.err().contains("--client-ca " + key + ": holds a "), badCa.err());

        BuildCommandTest.Run wildcard = BuildCommandTest.hermetic("admission", "serve", "--policy", policy.toString(),
                "--tls-cert", cert.toString(), "--tls-key", key.toString(), "--client-ca", ca.toString(), "--client-name", "*.svc");
        assertEquals(2, wildcard.exit());
        assertTrue(wildcard.err().contains("--client-name '*.svc': give a certificate's exact CN or DNS name"), wildcard.err());
    }
}
