package dev.hermeticbuild.sbom;

import dev.hermeticbuild.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;

/**
 * A POM read as Maven reads it (Maven's own {@code MavenXpp3Reader}, lenient, with the XHTML
 * entities such as {@code &oslash;} that real POMs use), silently: a parser that prints to stderr
 * is noise after every build. A POM with a DOCTYPE is not read at all (no entity of its own is
 * ever expanded).
 */
final class MavenPom {

    private MavenPom() {
    }

    /** The POM's model, or empty when it is not a readable POM. */
    static Optional<Model> read(byte[] bytes) {
        if (new String(bytes, StandardCharsets.ISO_8859_1).contains("<!DOCTYPE")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MavenXpp3Reader().read(new ByteArrayInputStream(bytes), false));
        } catch (IOException | XmlPullParserException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The project's own POM; a POM that cannot be read is an input error naming it. */
    static Model project(Path pom) {
        byte[] bytes;
        try (var in = Files.newInputStream(pom, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new InputException("cannot read " + pom + ": " + e.getMessage(), e);
        }
        if (new String(bytes, StandardCharsets.ISO_8859_1).contains("<!DOCTYPE")) {
            throw new InputException(pom + ": a POM with a DOCTYPE is not read (its entities would be expanded)");
        }
        try {
            return new MavenXpp3Reader().read(new ByteArrayInputStream(bytes), false);
        } catch (IOException | XmlPullParserException e) {
            throw new InputException(pom + " is not a readable POM: " + e.getMessage(), e);
        }
    }
}
