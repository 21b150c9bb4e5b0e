package dev.hermeticbuild.sbom.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A Maven local repository of real POMs (and placeholder jars) written by a test, in Maven's layout. */
final class PomRepository {

    final Path root;

    PomRepository(Path root) {
        this.root = root;
    }

    /** Writes {@code g:a:v}'s POM with {@code body} inside {@code <project>} after the coordinates, and a jar unless it is a pom. */
    PomRepository artifact(String gav, String body) {
        String[] p = gav.split(":");
        String packaging = body.contains("<packaging>pom</packaging>") ? "pom" : "jar";
        write(path(p, "pom"), pom(p[0], p[1], p[2], body));
        if (packaging.equals("jar")) {
            write(path(p, "jar"), "jar of " + gav);
        }
        return this;
    }

    PomRepository raw(String gav, String extension, String content) {
        write(path(gav.split(":"), extension), content);
        return this;
    }

    Path path(String gav, String extension) {
        return path(gav.split(":"), extension);
    }

    static String pom(String g, String a, String v, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n  <groupId>" + g + "</groupId>\n  <artifactId>" + a + "</artifactId>\n"
                + "  <version>" + v + "</version>\n" + body + "\n</project>\n";
    }

    /** {@code <dependency>} elements for {@code g:a:v[:scope[:optional]]} each. */
    static String deps(String... gavs) {
        StringBuilder b = new StringBuilder("<dependencies>");
        for (String gav : gavs) {
            String[] p = gav.split(":", -1);
            b.append("<dependency><groupId>").append(p[0]).append("</groupId><artifactId>").append(p[1]).append("</artifactId>");
            if (!p[2].isEmpty()) {
                b.append("<version>").append(p[2]).append("</version>");
            }
            if (p.length > 3 && !p[3].isEmpty()) {
                b.append("<scope>").append(p[3]).append("</scope>");
            }
            if (p.length > 4) {
                b.append("<optional>").append(p[4]).append("</optional>");
            }
            b.append("</dependency>");
        }
        return b.append("</dependencies>").toString();
    }

    private Path path(String[] p, String extension) {
        return root.resolve(p[0].replace('.', '/')).resolve(p[1]).resolve(p[2]).resolve(p[1] + "-" + p[2] + "." + extension);
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
