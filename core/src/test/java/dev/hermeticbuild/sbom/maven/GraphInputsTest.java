package dev.hermeticbuild.sbom.maven;

import static dev.hermeticbuild.sbom.maven.PomRepository.deps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.lock.ProjectLock;
import dev.hermeticbuild.sbom.DependencyGraph;
import dev.hermeticbuild.sbom.GraphInputs;
import dev.hermeticbuild.sbom.RuntimeGraphs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copy a build's run-time graph is read from while its command runs: the graph read from it is
 * the graph of the tree as it was when copied (profiles activated by a file's existence included),
 * it names the tree and never the copy, and nothing the build later does to the tree changes it.
 */
class GraphInputsTest {

    @TempDir
    Path tmp;
    PomRepository repo;
    Path project;

    @BeforeEach
    void layout() throws Exception {
        repo = new PomRepository(Files.createDirectories(tmp.resolve("repository")));
        project = Files.createDirectories(tmp.resolve("project"));
        repo.artifact("org.t:always:1", "").artifact("org.t:if-marker:1", "").artifact("org.t:if-absent:1", "")
                .artifact("org.t:added-by-the-build:1", "");
        PomRepository.write(project.resolve("pom.xml"), PomRepository.pom("org.app", "app", "1.0", deps("org.t:always:1")
                + "<profiles>"
                + "<profile><id>m</id><activation><file><exists>${project.basedir}/src/marker</exists></file></activation>"
                + deps("org.t:if-marker:1") + "</profile>"
                + "<profile><id>a</id><activation><file><missing>${project.basedir}/absent</missing></file></activation>"
                + deps("org.t:if-absent:1") + "</profile></profiles>"));
        Files.createDirectories(project.resolve("src"));
        Files.writeString(project.resolve("src/marker"), "some bytes the graph never reads");
        Files.createDirectories(project.resolve(".git"));
        Files.writeString(project.resolve(".git/config"), "[core]\n");
        Files.createSymbolicLink(project.resolve("link"), Path.of("src/marker"));
    }

    private DependencyGraph resolve(Path tree) {
        return MavenDependencyGraph.resolveFromRepository(tree.resolve("pom.xml"), tree, repo.root, MavenGraphLimits.DEFAULT);
    }

    private static List<String> purls(DependencyGraph g) {
        return g.components().stream().map(DependencyGraph.Component::purl).toList();
    }

    @Test
    void theGraphOfTheCopyIsTheGraphOfTheTreeWhenCopiedWhateverTheBuildDoesLater() throws Exception {
        DependencyGraph before = resolve(project);
        assertTrue(purls(before).contains("pkg:maven/org.t/always@1"), purls(before).toString());

        try (GraphInputs copy = GraphInputs.copy(project).orElseThrow()) {
            // the build rewrites its POM and flips both profiles' conditions
            PomRepository.write(project.resolve("pom.xml"), PomRepository.pom("org.app", "app", "1.0", deps("org.t:added-by-the-build:1")));
            Files.delete(project.resolve("src/marker"));
            Files.writeString(project.resolve("absent"), "");

            DependencyGraph fromCopy = copy.ofTree(resolve(copy.directory()));
            assertEquals(purls(before), purls(fromCopy), "the rewritten POM and the flipped profile conditions are not seen");
            assertEquals(before.edges(), fromCopy.edges());
            assertEquals(before.root(), fromCopy.root());
            assertEquals(before.problems(), fromCopy.problems());

            Path c = copy.directory();
            assertEquals(0, Files.size(c.resolve("src/marker")), "other files are empty stand-ins");
            assertEquals(Path.of("src/marker"), Files.readSymbolicLink(c.resolve("link")));
            assertFalse(Files.exists(c.resolve(".git")), ".git is not copied");
            assertFalse(c.startsWith(project));
        }
    }

    @Test
    void whatTheGraphSaysOfTheCopyNamesTheTree() throws Exception {
        Files.writeString(project.resolve("pom.xml"), "<project><modelVersion>4.0.0</modelVersion><broken");
        try (GraphInputs copy = GraphInputs.copy(project).orElseThrow()) {
            DependencyGraph g = copy.ofTree(RuntimeGraphs.of(copy.directory(), ProjectLock.read(project), Optional.empty(), "project"));
            String said = g.problems() + " " + g.resolvedBy() + " " + g.root();
            assertFalse(said.contains(copy.directory().toString()), said);
            assertTrue(g.problems().stream().anyMatch(p -> p.contains(project.toString())), g.problems().toString());
        }
    }

    @Test
    void aTreeTooLargeToCopyCheaplyIsNotCopiedAndTheCopyIsRemovedWhenClosed() throws Exception {
        assertTrue(GraphInputs.copy(project, 3).isEmpty(), "more entries than the limit");
        Path dir;
        try (GraphInputs copy = GraphInputs.copy(project).orElseThrow()) {
            dir = copy.directory();
            assertTrue(Files.isRegularFile(dir.resolve("pom.xml")));
        }
        assertFalse(Files.exists(dir));
    }
}
