package dev.hermeticbuild.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.provenance.InTotoStatement;
import dev.hermeticbuild.provenance.ProvenanceJson;
import dev.hermeticbuild.provenance.SbomPredicate;
import dev.hermeticbuild.provenance.Statement;
import java.io.IOException;

/**
 * An in-toto Statement v1 whose predicate is a CycloneDX SBOM, over the same subjects as the
 * build's provenance: the form in which an SBOM is signed and attached to artifacts.
 */
public final class SbomStatement {

    private SbomStatement() {
    }

    /** @param subjectsFrom a statement (the build's provenance) whose subjects the SBOM describes */
    public static byte[] of(byte[] subjectsFrom, byte[] bomJson) {
        InTotoStatement source = InTotoStatement.read(subjectsFrom, "the statement the SBOM's subjects come from",
                InTotoStatement.Rules.RECORDED);
        if (source.subjects().isEmpty()) {
            throw new InputException("the statement the SBOM's subjects come from has no subject");
        }
        JsonNode bom;
        try {
            bom = ProvenanceJson.mapper().readTree(bomJson);
        } catch (IOException e) {
            throw new InputException("cannot read the SBOM: " + e.getMessage(), e);
        }
        return ProvenanceJson.toBytes(Statement.of(source.subjectDescriptors(), new SbomPredicate(bom)));
    }
}
