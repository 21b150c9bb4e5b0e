package dev.hermeticbuild.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hermetic keygen}: a new signing key pair; never overwrites, private key mode 0600. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Generate a signing key pair (PKCS#8 private key, mode 0600; SPKI public key).")
final class KeygenCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "KEY.pem", description = "Private key file to create.")
    Path key;

    @Option(names = "--pub", paramLabel = "KEY.pub", description = "Public key file to create (default: KEY with .pub).")
    Path pub;

    @Option(names = "--algorithm", defaultValue = "ecdsa-p256", paramLabel = "ALG",
            description = "ecdsa-p256 (default) or ed25519.")
    String algorithm;

    @Mixin
    PassphraseOptions passphrase;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        Path pubFile = pub != null ? pub : defaultPub(key);
        KeyGen.Result r = KeyGen.generate(KeyAlgorithm.fromCliName(algorithm), key, pubFile, passphrase.source());
        var out = spec.commandLine().getOut();
        if (json.enabled) {
            ObjectNode n = Json.object();
            n.put("keyId", r.keyId());
            n.put("algorithm", r.algorithm().cliName());
            n.put("privateKey", r.privateKey().toString());
            n.put("publicKey", r.publicKey().toString());
            n.put("encrypted", passphrase.source().isPresent());
            json.result(n);
        } else {
            out.println("wrote " + r.privateKey() + " (private, mode 0600"
                    + (passphrase.source().isPresent() ? ", encrypted" : "") + ") and " + r.publicKey());
            out.println("key id " + r.keyId() + " (" + r.algorithm().cliName() + ")");
        }
        return 0;
    }

    static Path defaultPub(Path key) {
        String name = key.getFileName().toString();
        String base = name.endsWith(".pem") ? name.substring(0, name.length() - 4) : name;
        return key.resolveSibling(base + ".pub");
    }
}
