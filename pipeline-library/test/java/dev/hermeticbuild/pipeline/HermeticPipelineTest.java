package dev.hermeticbuild.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HermeticPipelineTest extends LibraryHarness {

    @BeforeEach
    void setUp(@TempDir Path dir) throws Exception {
        setUpLibrary(dir);
    }

    @Test
    void smoke() throws Exception {
        env.put("BRANCH_NAME", "main");
        workspaceFiles.add("hermetic.lock");
        PipelineError e = run("""
                @Library('hermetic-build') _
                hermeticPipeline {
                  buildCommand = 'mvn -o package'
                  outputs      = 'target/*.jar'
                  tier         = env.BRANCH_NAME == 'main' ? 'release' : 'dev'
                  signingCredentials = 'release-signing-key'
                  image = '%s'
                  agentImage = '%s'
                }
                """.formatted(IMAGE, AGENT_IMAGE));
        printCallStack();
        steps().forEach(System.out::println);
        assertNull(e);
    }
}
