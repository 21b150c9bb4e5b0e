package dev.hermeticbuild.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.sign.Attestor;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.sign.keyless.KeylessSigning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hermetic attest}: sign an in-toto statement into a Sigstore bundle (DSSE). */
@Command(name = "attest", mixinStandardHelpOptions = true,
        description = "Sign an in-toto statement into a Sigstore bundle v0.3 holding a DSSE envelope.")
final class AttestCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--statement", required = true, paramLabel = "STATEMENT.json", description = "In-toto Statement v1.")
    Path statement;

    @Option(names = "--out", paramLabel = "BUNDLE", description = "Bundle to write (default: STATEMENT.json.sigstore.json).")
    Path out;

    @Mixin
    SignerOptions signing;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Path target = out != null ? out : statement.resolveSibling(statement.getFileName() + ".sigstore.json");
        if (signing.keyless()) {
            write(target, KeylessSigning.attest(statement, signing.keylessConfig()));
            report(spec.commandLine().getOut(), json, target, "keyless", "dsse");
            return 0;
        }
        Signer signer = signing.signer();
        write(target, Attestor.attest(statement, signer));
        report(spec.commandLine().getOut(), json, target, signer.keyId(), "dsse");
        return 0;
    }

    static void write(Path target, byte[] bytes) {
        try {
            Files.write(target, bytes);
        } catch (IOException e) {
            throw new InputException("cannot write " + target + " (" + e.getMessage() + ")", e);
        }
    }

    static void report(java.io.PrintWriter out, boolean json, Path bundle, String keyId, String kind) {
        if (json) {
            ObjectNode n = Json.object();
            n.put("bundle", bundle.toString());
            n.put("kind", kind);
            n.put("keyId", keyId);
            Json.print(out, n);
        } else {
            out.println("wrote " + bundle + " (" + kind + ", key " + keyId + ")");
        }
    }
}
