package dev.hermeticbuild.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.junit.jupiter.api.Test;

class SbomJsonWriterTest {

    private static Bom withOneComponent(String name) {
        Component c = new Component();
        c.setType(Component.Type.LIBRARY);
        c.setName(name);
        c.setVersion("1");
        Bom bom = new Bom();
        bom.setComponents(List.of(c));
        return bom;
    }

    /** Sharing the mapper must not change a byte: each document reads as the library's own generator writes it, whatever came before. */
    @Test
    void eachDocumentIsWhatTheLibrarysOwnGeneratorWritesWhateverWasWrittenBefore() throws Exception {
        SbomJsonWriter.write(CycloneDxSbom.warmUpBom());
        for (Bom bom : List.of(withOneComponent("first"), CycloneDxSbom.warmUpBom(), withOneComponent("second"))) {
            String shared = new String(SbomJsonWriter.write(bom), StandardCharsets.UTF_8);
            String own = BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString();
            assertEquals(own, shared);
        }
        String second = new String(SbomJsonWriter.write(withOneComponent("second")), StandardCharsets.UTF_8);
        assertTrue(!second.contains("first"), "nothing of an earlier document: " + second);
        assertTrue(!second.contains("warm"), "nothing of an earlier document: " + second);
    }

    @Test
    void theHeaderFieldsAreSetOnEveryDocument() {
        String json = new String(SbomJsonWriter.write(withOneComponent("x")), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"bomFormat\" : \"CycloneDX\""), json);
        assertTrue(json.contains("\"specVersion\" : \"1.6\""), json);
    }
}
