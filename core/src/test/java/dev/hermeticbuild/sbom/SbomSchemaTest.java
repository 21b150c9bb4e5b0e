package dev.hermeticbuild.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SbomSchemaTest {

    private static final String VALID = """
            {"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
             "components":[{"type":"library","name":"a","version":"1"}]}""";
    private static final String BAD_TYPE = """
            {"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
             "components":[{"type":"not-a-type","name":"a","version":"1"}]}""";

    @Test
    void theSharedSchemaKeepsFindingProblemsAfterItAcceptedAValidDocument() {
        assertEquals(List.of(), SbomSchema.problems(bytes(VALID)));
        List<String> problems = SbomSchema.problems(bytes(BAD_TYPE));
        assertFalse(problems.isEmpty(), "an unknown component type is refused");
        assertTrue(problems.toString().contains("type"), problems.toString());
        assertEquals(List.of(), SbomSchema.problems(bytes(VALID)));
        assertEquals(problems, SbomSchema.problems(bytes(BAD_TYPE)), "the same document gets the same answer each time");
    }

    @Test
    void aGeneratedSbomThatFailsTheSchemaStopsTheBuildAsOurBug() {
        var e = assertThrows(IllegalStateException.class, () -> CycloneDxSbom.validate(bytes(BAD_TYPE)));
        assertTrue(e.getMessage().startsWith("generated SBOM fails CycloneDX 1.6 schema validation"), e.getMessage());
    }

    @Test
    void textThatIsNotJsonIsAProblemNotACrash() {
        assertTrue(SbomSchema.problems(bytes("{")).get(0).startsWith("not JSON"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
