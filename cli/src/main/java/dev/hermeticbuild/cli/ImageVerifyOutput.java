package dev.hermeticbuild.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.image.registry.ImageVerification;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** How {@code verify --image} reports: each passing bundle with its checks, each rejected one with its reasons. */
final class ImageVerifyOutput {

    private final CommandSpec spec;
    private final JsonOption json;

    ImageVerifyOutput(CommandSpec spec, JsonOption json) {
        this.spec = spec;
        this.json = json;
    }

    /** Prints {@code v} and returns the exit code: 0 when it passed, 1 when not. */
    int print(ImageVerification v) {
        if (json.enabled) {
            ObjectNode n = Json.object().put("verified", v.ok()).put("image", v.image().toString());
            ArrayNode passed = n.putArray("attestations");
            v.passed().forEach(a -> passed.add(VerifyCommand.success(a.result()).put("file", a.title())
                    .put("referrer", a.referrer().digest())));
            ArrayNode rejected = n.putArray("rejected");
            v.rejected().forEach(r -> {
                ObjectNode one = rejected.addObject().put("what", r.what());
                ArrayNode failures = one.putArray("failures");
                r.failures().forEach(f -> {
                    ObjectNode fo = failures.addObject().put("code", f.code().id()).put("message", f.message());
                    if (!f.detail().isEmpty()) {
                        fo.put("detail", f.detail());
                    }
                    if (!v.ok()) {
                        json.error(f.code().id(), r.what() + ": " + f.explained());
                    }
                });
            });
            json.result(n);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (v.ok()) {
                out.println("verified " + v.image());
                v.passed().forEach(a -> out.println("  " + Printable.escape(a.title()) + " (" + a.referrer().digest() + "): "
                        + a.result().kind() + " signed by key " + a.result().keyId() + "; checks passed: "
                        + String.join(", ", a.result().checks())));
                v.rejected().forEach(r -> r.failures().forEach(f -> out.println("  not counted: " + Printable.escape(r.what())
                        + ": " + Printable.escape(f.explained()))));
            } else {
                err.println("hermetic: verification of " + v.image() + " failed:");
                v.reasons().forEach(reason -> err.println("  - " + Printable.escape(reason)));
                err.flush();
            }
        }
        return v.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
