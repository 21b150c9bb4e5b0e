package dev.hermeticbuild.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.bundle.StrictJson;
import dev.hermeticbuild.sign.BundleSigner;
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

    @Option(names = "--statement", paramLabel = "STATEMENT.json", description = "In-toto Statement v1 (e.g. OUT/provenance.json).")
    Path statement;

    @Option(names = "--sbom", paramLabel = "SBOM.cdx.json", description = "Attest a CycloneDX SBOM instead (predicateType https://cyclonedx.org/bom);"
            + " its subjects are those of --subjects-from.")
    Path sbom;

    @Option(names = "--subjects-from", paramLabel = "STATEMENT.json", description = "With --sbom: the statement (the build's provenance) whose subjects the SBOM describes.")
    Path subjectsFrom;

    @Option(names = "--out", paramLabel = "BUNDLE", description = "Bundle to write (default: STATEMENT.json.sigstore.json).")
    Path out;

    @Mixin
    SignerOptions signing;

    @Mixin
    JsonOption json;

    @Option(names = "--store", paramLabel = "JDBC-URL", description = "Also record the provenance bundle in this store.")
    String store;

    @Mixin
    StoreKeyOptions storeKey;

    @Override
    public Integer call() {
        if ((statement == null) == (sbom == null)) {
            throw new InputException("give exactly one of --statement STATEMENT.json or --sbom SBOM.cdx.json");
        }
        if (sbom != null) {
            return attestSbom();
        }
        Path target = out != null ? out : statement.resolveSibling(statement.getFileName() + ".sigstore.json");
        BundleSigner signer = signing.signer();
        write(target, signer.attest(StrictJson.readCapped(statement, "statement"), statement.toString()));
        report(spec.commandLine().getOut(), json, target, signer, "dsse");
        if (store != null) {
            StoreRecording.afterAttest(store, storeKey.signer(), target, signer, spec.commandLine().getErr());
        }
        return 0;
    }

    private Integer attestSbom() {
        if (subjectsFrom == null) {
            throw new InputException("--sbom needs --subjects-from STATEMENT.json: the artifacts the SBOM describes");
        }
        byte[] bytes;
        try {
            bytes = dev.hermeticbuild.sbom.SbomStatement.of(Files.readAllBytes(subjectsFrom), Files.readAllBytes(sbom));
        } catch (IOException e) {
            throw new InputException("cannot read " + e.getMessage(), e);
        }
        Path target = out != null ? out : sbom.resolveSibling(sbom.getFileName() + ".sigstore.json");
        BundleSigner signer = signing.signer();
        write(target, signer.attest(bytes, sbom.toString()));
        report(spec.commandLine().getOut(), json, target, signer, "dsse");
        return 0;
    }

    static void write(Path target, byte[] bytes) {
        try {
            Files.write(target, bytes);
        } catch (IOException e) {
            throw new InputException("cannot write " + target + " (" + e.getMessage() + ")", e);
        }
    }

    static void report(java.io.PrintWriter out, JsonOption json, Path bundle, BundleSigner signer, String kind) {
        if (json.enabled) {
            ObjectNode n = Json.object();
            n.put("bundle", bundle.toString());
            n.put("kind", kind);
            n.put("keyId", SignCommand.keyId(signer));
            json.result(n);
        } else {
            out.println("wrote " + bundle + " (" + kind + ", " + signer.identity() + ")");
        }
    }
}
