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

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        String keyId;
        java.util.function.Function<Path, Path> signOne;
        if (signing.keyless()) {
            var config = signing.keylessConfig();
            keyId = "keyless";
            signOne = file -> {
                Path bundle = file.resolveSibling(file.getFileName() + ArtifactSigner.BUNDLE_SUFFIX);
                AttestCommand.write(bundle, KeylessSigning.signFile(file, config));
                return bundle;
            };
        } else {
            Signer signer = signing.signer();
            keyId = signer.keyId();
            signOne = file -> ArtifactSigner.signTo(file, signer);
        }
        ObjectNode result = Json.object();
        ArrayNode written = result.putArray("bundles");
        for (Path file : files) {
            Path bundle = signOne.apply(file);
            written.addObject().put("file", file.toString()).put("bundle", bundle.toString());
            if (!json.enabled) {
                out.println("wrote " + bundle + " (message signature, " + (signing.keyless() ? "keyless" : "key " + keyId) + ")");
            }
        }
        result.put("keyId", keyId);
        json.result(result);
        return ExitCodes.OK;
    }
}
