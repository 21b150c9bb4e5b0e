package dev.hermeticbuild.provenance;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.InputException;

/** A CycloneDX 1.6 SBOM as a statement's predicate ({@value StatementTypes#CYCLONEDX_BOM}), written as it was read. */
public record SbomPredicate(@JsonValue JsonNode bom) implements Predicate {

    public SbomPredicate {
        if (bom == null || !"CycloneDX".equals(bom.path("bomFormat").asText())) {
            throw new InputException("not a CycloneDX SBOM (bomFormat is not CycloneDX)");
        }
    }

    @Override
    public String predicateType() {
        return StatementTypes.CYCLONEDX_BOM;
    }
}
