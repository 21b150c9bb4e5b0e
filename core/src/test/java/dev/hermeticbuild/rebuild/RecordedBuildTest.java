package dev.hermeticbuild.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A provenance read back for a rebuild: what it says is used as paths, so it is checked first. */
class RecordedBuildTest {

    static String statement(String subject, String workingDirectory) {
        return """
                {"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"%s","digest":{"sha256":"aa"}}],
                 "predicateType":"https://slsa.dev/provenance/v1","predicate":{"buildDefinition":{
                 "buildType":"https://hermetic-build.dev/build/v1",
                 "externalParameters":{"command":["make"],"outputs":["dist/*"],"workingDirectory":"%s","tier":"release"},
                 "resolvedDependencies":[{"name":"source","digest":{"gitCommit":"0123456789012345678901234567890123456789"}}]}}}
                """.formatted(subject, workingDirectory);
    }

    @Test
    void aWellFormedProvenanceReadsBack() {
        RecordedBuild r = RecordedBuild.parse(statement("dist/app.jar", "app").getBytes(StandardCharsets.UTF_8));
        assertEquals("app", r.workingDirectory());
        assertEquals("aa", r.subjects().get("dist/app.jar"));
    }

    @Test
    void subjectNamesAndWorkingDirectoriesThatLeaveTheWorkspaceAreRefused() {
        for (String subject : new String[] {"../../etc/shadow", "/etc/shadow"}) {
            InputException e = assertThrows(InputException.class,
                    () -> RecordedBuild.parse(statement(subject, ".").getBytes(StandardCharsets.UTF_8)));
            assertTrue(e.getMessage().contains(subject), e.getMessage());
        }
        InputException e = assertThrows(InputException.class,
                () -> RecordedBuild.parse(statement("dist/a", "../../outside").getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("leaves the repository"), e.getMessage());
    }
}
