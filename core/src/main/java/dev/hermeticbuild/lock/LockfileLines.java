package dev.hermeticbuild.lock;

import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a line-based lockfile, each with its number, so that every reader reports a
 * problem as {@code FILE:LINE: problem} ({@link LockfileException}).
 *
 * @param name  how errors and {@link LockedDependency#lockfile()} name the file
 * @param lines every line, in order, as written
 */
record LockfileLines(String name, List<Line> lines) {

    /**
     * One line of the file.
     *
     * @param number its number, from 1
     * @param text   its text as written
     */
    record Line(String file, int number, String text) {

        /** A parse error at this line. */
        LockfileException error(String problem) {
            return new LockfileException(file, number, problem);
        }
    }

    /** The lines of {@code file}, named {@code name} in errors. */
    static LockfileLines read(Path file, String name) {
        try {
            return of(name, Files.readAllLines(file));
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code lines} as the lines of a lockfile named {@code name}. */
    static LockfileLines of(String name, List<String> lines) {
        List<Line> numbered = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            numbered.add(new Line(name, i + 1, lines.get(i)));
        }
        return new LockfileLines(name, List.copyOf(numbered));
    }

    /** The lines that say something, stripped: not blank and, when {@code hashComments}, not starting with {@code #}. */
    List<Line> entries(boolean hashComments) {
        List<Line> entries = new ArrayList<>();
        for (Line line : lines) {
            String text = line.text().strip();
            if (!text.isEmpty() && !(hashComments && text.startsWith("#"))) {
                entries.add(new Line(name, line.number(), text));
            }
        }
        return entries;
    }
}
