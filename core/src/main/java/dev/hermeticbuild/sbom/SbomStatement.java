package dev.hermeticbuild.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.provenance.ProvenanceJson;
import java.io.IOException;

/**
 * An in-toto Statement v1 whose predicate is a CycloneDX SBOM (predicateType
 * {@code https://cyclonedx.org/bom}), over the same subjects as the build's provenance: the
 * form in which an SBOM is signed and attached to artifacts.
 */
public final class SbomStatement {

    public static final String PREDICATE_TYPE = "https://cyclonedx.org/bom";

    private SbomStatement() {
    }

    /** @param subjectsFrom a statement (the build's provenance) whose subjects the SBOM describes */
    public static byte[] of(byte[] subjectsFrom, byte[] bomJson) {
        try {
            JsonNode source = ProvenanceJson.mapper().readTree(subjectsFrom);
            JsonNode subjects = source.path("subject");
            if (!subjects.isArray() || subjects.isEmpty()) {
                throw new InputException("the statement the SBOM's subjects come from has no subject");
            }
            JsonNode bom = ProvenanceJson.mapper().readTree(bomJson);
            if (!"CycloneDX".equals(bom.path("bomFormat").asText())) {
                throw new InputException("not a CycloneDX SBOM (bomFormat is not CycloneDX)");
            }
            ObjectNode statement = ProvenanceJson.mapper().createObjectNode();
            statement.put("_type", "https://in-toto.io/Statement/v1");
            statement.set("subject", (ArrayNode) subjects);
            statement.put("predicateType", PREDICATE_TYPE);
            statement.set("predicate", bom);
            return ProvenanceJson.mapper().writeValueAsBytes(statement);
        } catch (IOException e) {
            throw new InputException("cannot read the SBOM or its subjects: " + e.getMessage(), e);
        }
    }
}
