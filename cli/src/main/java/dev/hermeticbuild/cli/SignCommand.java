package dev.hermeticbuild.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.sign.ArtifactSigner;
import dev.hermeticbuild.sign.BundleSigner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hermetic sign}: a message-signature bundle FILE.sigstore.json next to each file; an OCI
 * image layout directory is signed as its manifest (or index), the digest a registry names it by.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign files; writes FILE.sigstore.json (Sigstore bundle v0.3, message signature) for each. An OCI image"
                + " layout directory is signed as its image: its manifest (or index), so push --attach and verify --artifact take it.")
final class SignCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files (or OCI image layout directories) to sign.")
    List<Path> files;

    @Mixin
    SignerOptions signing;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        BundleSigner signer = signing.signer();
        ObjectNode result = Json.object();
        ArrayNode written = result.putArray("bundles");
        for (Path file : files) {
            ImageLayoutArtifact signed = ImageLayoutArtifact.of(file, "");
            Path bundle = file.resolveSibling(file.getFileName() + ArtifactSigner.BUNDLE_SUFFIX);
            AttestCommand.write(bundle, signer.signFile(signed.file()));
            String sha256 = dev.hermeticbuild.digest.Sha256.ofFile(signed.file());
            written.addObject().put("file", file.toString()).put("bundle", bundle.toString()).put("sha256", sha256).put("image", signed.image());
            if (!json.enabled) {
                out.println("wrote " + bundle + " (message signature" + (signed.image() ? " of the image's manifest sha256:" + sha256 : "")
                        + ", " + signer.identity() + ")");
            }
        }
        result.put("keyId", keyId(signer));
        json.result(result);
        return ExitCodes.OK;
    }

    /** The key id a JSON result names: the key's, or {@code keyless}. */
    static String keyId(BundleSigner signer) {
        return signer.publicKey().map(dev.hermeticbuild.sign.KeyId::of).orElse("keyless");
    }
}
