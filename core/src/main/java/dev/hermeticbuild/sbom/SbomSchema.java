package dev.hermeticbuild.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import java.io.IOException;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;

/**
 * The CycloneDX 1.6 JSON schema, loaded once per process and shared by every validation: loading
 * it (with the SPDX and signature schemas it references) costs far more than checking one SBOM.
 */
final class SbomSchema {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SbomSchema() {
    }

    /** Holder idiom: the schema is loaded on first use, by whichever thread gets there first. */
    private static final class Loaded {
        static final Schema SCHEMA = load();

        private static Schema load() {
            try {
                return new JsonParser().getJsonSchema(Version.VERSION_16, MAPPER);
            } catch (IOException e) {
                throw new IllegalStateException("cannot load the CycloneDX 1.6 JSON schema", e);
            }
        }
    }

    /** What the schema finds wrong with {@code json}, one message per problem, each naming where in the document it is; empty when it is valid. */
    static List<String> problems(byte[] json) {
        try {
            JsonNode document = MAPPER.readTree(json);
            return Loaded.SCHEMA.validate(document).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }
}
