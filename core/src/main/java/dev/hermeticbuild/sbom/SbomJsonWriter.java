package dev.hermeticbuild.sbom;

import java.nio.charset.StandardCharsets;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.json.BomJsonGenerator;
import org.cyclonedx.model.Bom;

/**
 * CycloneDX 1.6 JSON for every SBOM of the process through one Jackson mapper. The library makes a
 * mapper per document, and a mapper builds a serializer for each model type the first time it
 * meets one: about 30 ms per document on a cold JVM, twice per build (the serial number is
 * derived from a first rendering). Sharing the mapper does that once, and lets a warm-up do it
 * before the build needs it.
 */
final class SbomJsonWriter extends BomJsonGenerator {

    private static final SbomJsonWriter SHARED = new SbomJsonWriter();

    private SbomJsonWriter() {
        super(new Bom(), Version.VERSION_16);
    }

    /** The pretty-printed JSON of {@code bom}, with {@code bomFormat} and {@code specVersion} set as the library sets them. */
    static byte[] write(Bom bom) {
        // The library's own generator sets the two header fields on the document it is given, and
        // nothing else; its mapper is thrown away unused.
        new BomJsonGenerator(bom, Version.VERSION_16);
        synchronized (SHARED) {
            SHARED.bom = bom;
            try {
                return SHARED.toJsonString().getBytes(StandardCharsets.UTF_8);
            } catch (GeneratorException e) {
                throw new IllegalStateException("cannot serialise the SBOM", e);
            } finally {
                SHARED.bom = null;
            }
        }
    }
}
