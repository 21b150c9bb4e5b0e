package dev.hermeticbuild.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Key/value lines for people, with every value starting in the same column: {@code output:     dist/app.jar}. */
final class Fields {

    private record Field(String label, String value) {
    }

    private final List<Field> fields = new ArrayList<>();

    /** One line; a label may repeat (one {@code output:} line per output), and an empty one continues the line above. */
    Fields add(String label, String value) {
        fields.add(new Field(label, value));
        return this;
    }

    void print(PrintWriter out) {
        int width = fields.stream().mapToInt(f -> f.label().length()).max().orElse(0) + 2;
        for (Field f : fields) {
            String label = f.label().isEmpty() ? "" : f.label() + ":";
            out.println(label + " ".repeat(width - label.length()) + f.value());
        }
        out.flush();
    }
}
