package dev.hermeticbuild.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.sign.ArtifactSigner;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.sign.keyless.KeylessSigning;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hermetic sign}: a message-signature bundle FILE.sigstore.json next to each file. */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign files; writes FILE.sigstore.json (Sigstore bundle v0.3, message signature) for each.")
final class SignCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to sign.")
    List<Path> files;

    @Mixin
    SignerOptions signing;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (signing.keyless()) {
            var config = signing.keylessConfig();
            for (Path file : files) {
                Path bundle = file.resolveSibling(file.getFileName() + ArtifactSigner.BUNDLE_SUFFIX);
                AttestCommand.write(bundle, KeylessSigning.signFile(file, config));
                AttestCommand.report(out, json, bundle, "keyless", "message signature");
            }
            return 0;
        }
        Signer signer = signing.signer();
        ArrayNode written = Json.object().arrayNode();
        for (Path file : files) {
            Path bundle = ArtifactSigner.signTo(file, signer);
            if (json) {
                ObjectNode n = written.addObject();
                n.put("file", file.toString());
                n.put("bundle", bundle.toString());
            } else {
                out.println("wrote " + bundle + " (message signature, key " + signer.keyId() + ")");
            }
        }
        if (json) {
            ObjectNode n = Json.object();
            n.put("keyId", signer.keyId());
            n.set("bundles", written);
            Json.print(out, n);
        }
        return 0;
    }
}
