package dev.hermeticbuild.sbom.maven;

import static dev.hermeticbuild.sbom.maven.PomRepository.deps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hermeticbuild.sbom.DependencyGraph;
import dev.hermeticbuild.sbom.DependencyGraph.Component;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The POMs are attacker-influenced: each test is an attack through one of them (reach the
 * network, read a file outside the project and the repository view, learn the runner's
 * environment or files, exhaust the resolver) and checks it gains nothing and is named.
 */
class MavenGraphConfinementTest {

    @TempDir
    Path tmp;
    PomRepository repo;
    Path project;

    @BeforeEach
    void layout() throws Exception {
        repo = new PomRepository(Files.createDirectories(tmp.resolve("repository")));
        project = Files.createDirectories(tmp.resolve("project"));
    }

    private Path projectPom(String body) {
        Path pom = project.resolve("pom.xml");
        PomRepository.write(pom, PomRepository.pom("org.app", "app", "1.0", body));
        return pom;
    }

    private DependencyGraph resolve(Path pom) {
        return resolve(pom, MavenGraphLimits.DEFAULT);
    }

    private DependencyGraph resolve(Path pom, MavenGraphLimits limits) {
        return MavenDependencyGraph.resolveFromRepository(pom, project, repo.root, limits);
    }

    private static List<String> purls(DependencyGraph g) {
        return g.components().stream().map(Component::purl).toList();
    }

    @Test
    void repositoriesDeclaredInPomsAreNeverContacted() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/maven2";
            String repositories = "<repositories><repository><id>evil</id><url>" + url + "</url></repository></repositories>"
                    + "<pluginRepositories><pluginRepository><id>evil-p</id><url>" + url + "</url></pluginRepository></pluginRepositories>";
            repo.artifact("org.t:lib:1", repositories + deps("org.t:remote-only:2"));
            Path pom = projectPom(repositories + deps("org.t:lib:1", "org.t:elsewhere:1"));

            DependencyGraph g = resolve(pom);

            assertEquals(0, requests.get(), "no request may leave the resolver");
            assertEquals(List.of("pkg:maven/org.t/elsewhere@1", "pkg:maven/org.t/lib@1", "pkg:maven/org.t/remote-only@2"), purls(g));
            assertTrue(g.problems().stream().anyMatch(p -> p.contains("org.t:remote-only:jar:2 is not in the locked cache")),
                    g.problems().toString());
            assertTrue(g.problems().stream().anyMatch(p -> p.contains("org.t:elsewhere:jar:1 is not in the locked cache")),
                    g.problems().toString());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRepositoryPomCannotReadAParentOutsideTheView() {
        // The planted file sits outside both roots; a locked POM points its relativePath at it.
        PomRepository.write(tmp.resolve("outside/pom.xml"), PomRepository.pom("org.t", "p", "1",
                "<packaging>pom</packaging>" + deps("org.t:secret:1")));
        repo.artifact("org.t:p:1", "<packaging>pom</packaging>")
                .artifact("org.t:secret:1", "")
                .artifact("org.t:esc:1", "<parent><groupId>org.t</groupId><artifactId>p</artifactId><version>1</version>"
                        + "<relativePath>../../../../../outside/pom.xml</relativePath></parent>");
        Path pom = projectPom(deps("org.t:esc:1"));

        DependencyGraph g = resolve(pom);

        assertEquals(List.of("pkg:maven/org.t/esc@1"), purls(g), "the planted parent's dependency must not appear");
        assertTrue(g.problems().stream().anyMatch(p -> p.contains("parent relativePath '../../../../../outside/pom.xml' leads"
                + " outside the project and the repository")), g.problems().toString());
    }

    @Test
    void theProjectCannotReadAParentOutsideItsTree() {
        PomRepository.write(tmp.resolve("elsewhere/pom.xml"), PomRepository.pom("org.t", "top", "1",
                "<packaging>pom</packaging>" + deps("org.t:secret:1")));
        repo.artifact("org.t:top:1", "<packaging>pom</packaging>").artifact("org.t:secret:1", "");
        Path pom = projectPom("<parent><groupId>org.t</groupId><artifactId>top</artifactId><version>1</version>"
                + "<relativePath>../elsewhere/pom.xml</relativePath></parent>");

        DependencyGraph g = resolve(pom);

        assertEquals(List.of(), purls(g));
        assertTrue(g.problems().stream().anyMatch(p -> p.contains("'../elsewhere/pom.xml' leads outside")), g.problems().toString());
    }

    @Test
    void aParentInsideTheProjectTreeIsReadAsMavenReadsIt() {
        PomRepository.write(project.resolve("pom.xml"), PomRepository.pom("org.app", "reactor", "1.0",
                "<packaging>pom</packaging><dependencyManagement>" + deps("org.t:lib:2") + "</dependencyManagement>"));
        Path module = project.resolve("module/pom.xml");
        PomRepository.write(module, PomRepository.pom("org.app", "module", "1.0",
                "<parent><groupId>org.app</groupId><artifactId>reactor</artifactId><version>1.0</version></parent>"
                        + deps("org.t:lib:")));
        repo.artifact("org.t:lib:2", "");

        DependencyGraph g = MavenDependencyGraph.resolveFromRepository(module, project, repo.root, MavenGraphLimits.DEFAULT);

        assertEquals(List.of("pkg:maven/org.t/lib@2"), purls(g));
        assertEquals(List.of(), g.problems());
    }

    @Test
    void theRunnersEnvironmentAndPropertiesAreNotInterpolated() {
        Path pom = projectPom("<licenses><license><name>${env.PATH}|${user.home}|${user.name}</name></license></licenses>");

        DependencyGraph g = resolve(pom);

        assertEquals(List.of("${env.PATH}|${user.home}|${user.name}"), g.root().licenses());
    }

    @Test
    void fileActivationSeesOnlyTheProjectAndTheView() throws Exception {
        Path marker = Files.writeString(tmp.resolve("host-file"), "exists");
        repo.artifact("org.t:if-host-file:1", "").artifact("org.t:if-host-file-missing:1", "");
        Path pom = projectPom("<profiles>"
                + "<profile><id>probe</id><activation><file><exists>" + marker + "</exists></file></activation>"
                + deps("org.t:if-host-file:1") + "</profile>"
                + "<profile><id>probe-missing</id><activation><file><missing>" + marker + "</missing></file></activation>"
                + deps("org.t:if-host-file-missing:1") + "</profile></profiles>");

        DependencyGraph g = resolve(pom);

        assertEquals(List.of(), purls(g), "neither answer about a host file may show");
        assertTrue(g.problems().stream().anyMatch(p -> p.contains("tests " + marker + ", outside the project")), g.problems().toString());
    }

    @Test
    void coordinatesThatLeaveTheRepositoryAreNotRead() {
        PomRepository.write(tmp.resolve("outside/x/x-1.pom"), PomRepository.pom("org.t", "x", "1", deps("org.t:secret:1")));
        repo.artifact("org.t:secret:1", "");
        Path pom = projectPom("<dependencies><dependency><groupId>org.t</groupId><artifactId>x</artifactId>"
                + "<version>1/../../../../outside/x/1</version></dependency></dependencies>");

        DependencyGraph g = resolve(pom);

        assertTrue(purls(g).stream().noneMatch(p -> p.contains("secret")), purls(g).toString());
        assertTrue(g.problems().stream().anyMatch(p -> p.contains("safe")), g.problems().toString());
    }

    @Test
    void aDeepParentChainIsRefusedByName() {
        int depth = MavenGraphLimits.DEFAULT.maxParents() + 5;
        for (int i = 0; i < depth; i++) {
            String parent = i == 0 ? "" : "<parent><groupId>org.t</groupId><artifactId>p" + (i - 1) + "</artifactId><version>1"
                    + "</version></parent>";
            repo.artifact("org.t:p" + i + ":1", parent + "<packaging>pom</packaging>");
        }
        repo.artifact("org.t:deep:1", "<parent><groupId>org.t</groupId><artifactId>p" + (depth - 1) + "</artifactId>"
                + "<version>1</version></parent>");
        Path pom = projectPom(deps("org.t:deep:1"));

        MavenGraphException e = assertThrows(MavenGraphException.class, () -> resolve(pom));

        assertTrue(e.getMessage().contains("org.t:deep:1 has " + depth + " parent POMs, more than the limit of "
                + MavenGraphLimits.DEFAULT.maxParents()), e.getMessage());
    }

    @Test
    void aDeepDependencyChainIsRefusedByName() {
        int depth = MavenGraphLimits.DEFAULT.maxDepth() + 10;
        for (int i = 0; i < depth; i++) {
            repo.artifact("org.t:c" + i + ":1", i + 1 < depth ? deps("org.t:c" + (i + 1) + ":1") : "");
        }
        Path pom = projectPom(deps("org.t:c0:1"));

        MavenGraphException e = assertThrows(MavenGraphException.class, () -> resolve(pom));

        assertTrue(e.getMessage().contains("org.t:c" + MavenGraphLimits.DEFAULT.maxDepth() + ":jar:1 sits "
                + (MavenGraphLimits.DEFAULT.maxDepth() + 1) + " levels below the project"), e.getMessage());
    }

    @Test
    void aHugeGraphIsRefusedByName() {
        String[] many = new String[40];
        for (int i = 0; i < many.length; i++) {
            many[i] = "org.t:w" + i + ":1";
            repo.artifact(many[i], "");
        }
        Path pom = projectPom(deps(many));
        MavenGraphLimits small = new MavenGraphLimits(30, 64, 32, 16L << 20);

        MavenGraphException e = assertThrows(MavenGraphException.class, () -> resolve(pom, small));

        assertTrue(e.getMessage().contains("more than 30 dependency nodes"), e.getMessage());
    }

    @Test
    void aLongImportChainEndsInAGraphOrARefusalNeverACrash() {
        int depth = 150;
        for (int i = 0; i < depth; i++) {
            String imports = i + 1 < depth ? "<dependencyManagement><dependencies><dependency><groupId>org.t</groupId><artifactId>b"
                    + (i + 1) + "</artifactId><version>1</version><type>pom</type><scope>import</scope></dependency></dependencies>"
                    + "</dependencyManagement>" : "";
            repo.artifact("org.t:b" + i + ":1", "<packaging>pom</packaging>" + imports);
        }
        Path pom = projectPom("<dependencyManagement><dependencies><dependency><groupId>org.t</groupId><artifactId>b0</artifactId>"
                + "<version>1</version><type>pom</type><scope>import</scope></dependency></dependencies></dependencyManagement>");
        MavenGraphLimits tinyStack = new MavenGraphLimits(50_000, 64, 32, 1L << 20);

        try {
            assertEquals(List.of(), resolve(pom, tinyStack).problems());
        } catch (MavenGraphException e) {
            assertTrue(e.getMessage().contains("deeper than a 1 MiB stack holds"), e.getMessage());
        }
    }
}
