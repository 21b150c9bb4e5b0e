package dev.hermeticbuild.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.bundle.StrictJson;
import java.io.PrintWriter;

/** Machine-readable output of the commands that report ({@code --json}). */
final class Json {

    private Json() {
    }

    static ObjectNode object() {
        return StrictJson.mapper().createObjectNode();
    }

    static void print(PrintWriter out, ObjectNode node) {
        out.println(new String(StrictJson.write(node), java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
    }
}
