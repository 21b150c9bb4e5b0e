package dev.hermeticbuild.cli;

import dev.hermeticbuild.CountText;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.store.ProvenanceStore;
import dev.hermeticbuild.store.SignedCheckpoint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hermetic store checkpoint --key STORE-KEY}: sign the store's current head and keep the
 * checkpoint in the store (and in {@code --out}, a copy the operator keeps elsewhere).
 */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
        description = "Sign the store's head (size, head hash, time) with the store key; store verify --store-pub checks it.")
final class StoreCheckpointCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "The store key (PEM file or pkcs11:...).")
    String key;

    @Mixin
    PassphraseOptions passphrase;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the signed checkpoint here (keep it outside the database).")
    Path out;

    @Mixin
    StoreOptions store;

    @picocli.CommandLine.Mixin
    JsonOption json;

    @Override
    public Integer call() {
        Signer signer = dev.hermeticbuild.sign.Signers.open(key, passphrase.source());
        SignedCheckpoint cp;
        String name;
        try (ProvenanceStore s = store.open()) {
            cp = s.checkpoint(signer);
            name = s.describe();
        }
        if (out != null) {
            cp.write("--out", out);
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json.enabled) {
            var n = Json.object().put("store", name).put("size", cp.checkpoint().size()).put("headHash", cp.checkpoint().headHash())
                    .put("time", cp.checkpoint().time().toString()).put("keyId", signer.keyId());
            if (out != null) {
                n.put("out", out.toString());
            }
            json.result(n);
        } else {
            o.println("checkpoint of " + name + ": " + CountText.of(cp.checkpoint().size(), "record") + ", head " + cp.checkpoint().headHash()
                    + ", signed by store key " + signer.keyId() + (out != null ? "; written to " + out : ""));
            o.flush();
        }
        return ExitCodes.OK;
    }
}
