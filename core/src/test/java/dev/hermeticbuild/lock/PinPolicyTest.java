package dev.hermeticbuild.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release tier's pin rules: each unpinned input named with its lockfile line and reason. */
class PinPolicyTest {

    static final String SHA = "b".repeat(64);

    @TempDir
    Path dir;

    @Test
    void aFullyPinnedMavenLockPasses() throws IOException {
        Files.writeString(dir.resolve("hermetic.lock"), "info.picocli:picocli:jar:4.7.7 sha256=" + SHA + "\n");
        Files.writeString(dir.resolve("pom.xml"), "<project><dependencies><dependency><groupId>info.picocli</groupId><artifactId>picocli</artifactId>"
                + "<version>4.7.7</version></dependency></dependencies></project>");
        assertEquals(List.of(), PinPolicy.violations(ProjectLock.read(dir), dir));
    }

    @Test
    void snapshotsRangesAndMissingHashesAreEachNamed() throws IOException {
        Files.writeString(dir.resolve("hermetic.lock"), "a:b:jar:1.0-SNAPSHOT sha256=" + SHA + "\nc:d:jar:[1.0,2.0)\n");
        List<String> v = PinPolicy.violations(ProjectLock.read(dir), dir);
        assertEquals(3, v.size(), v.toString());
        assertTrue(v.get(0).startsWith("hermetic.lock:1 a:b:jar@1.0-SNAPSHOT: SNAPSHOT"), v.get(0));
        assertTrue(v.get(1).contains("hermetic.lock:2") && v.get(1).contains("version range '[1.0,2.0)'"), v.get(1));
        assertTrue(v.get(2).contains("hermetic.lock:2") && v.get(2).endsWith("missing hash"), v.get(2));
    }

    @Test
    void aDependencyInThePomButNotInTheLockMakesTheLockStale() throws IOException {
        Files.writeString(dir.resolve("hermetic.lock"), "info.picocli:picocli:jar:4.7.7 sha256=" + SHA + "\n");
        Files.writeString(dir.resolve("pom.xml"), "<project><dependencies><dependency>\n <groupId>org.slf4j</groupId>\n <artifactId>slf4j-api</artifactId>\n"
                + " <scope>test</scope> <version>2.0.17</version></dependency></dependencies></project>");
        List<String> v = PinPolicy.violations(ProjectLock.read(dir), dir);
        assertEquals(1, v.size());
        assertTrue(v.get(0).contains("org.slf4j:slf4j-api:2.0.17") && v.get(0).contains("stale"), v.get(0));
    }

    /**
     * maven-shared-utils 3.4.2's release POM pins plexus-io 3.4.1 for maven-assembly-plugin in
     * pluginManagement; {@code mvn package} never runs that plugin, so its lock rightly lacks it.
     */
    @Test
    void whatTheBuildResolvesOnlyWhenItUsesItDoesNotMakeTheLockStale() throws IOException {
        Files.writeString(dir.resolve("hermetic.lock"), "info.picocli:picocli:jar:4.7.7 sha256=" + SHA + "\n");
        Files.writeString(dir.resolve("pom.xml"), """
                <project>
                  <dependencyManagement><dependencies>
                    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>2.0.17</version></dependency>
                  </dependencies></dependencyManagement>
                  <dependencies>
                    <dependency><groupId>info.picocli</groupId><artifactId>picocli</artifactId><version>4.7.7</version></dependency>
                    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId></dependency>
                    <dependency><groupId>com.sun</groupId><artifactId>tools</artifactId><version>1.8</version><scope>system</scope>
                      <systemPath>${java.home}/../lib/tools.jar</systemPath></dependency>
                  </dependencies>
                  <build><pluginManagement><plugins><plugin>
                    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-assembly-plugin</artifactId>
                    <dependencies>
                      <dependency><groupId>org.codehaus.plexus</groupId><artifactId>plexus-io</artifactId><version>3.4.1</version></dependency>
                    </dependencies>
                  </plugin></plugins></pluginManagement></build>
                  <profiles><profile><id>extra</id><dependencies>
                    <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version></dependency>
                  </dependencies></profile></profiles>
                </project>
                """);
        assertEquals(List.of(), PinPolicy.violations(ProjectLock.read(dir), dir));
    }

    @Test
    void aPomThatIsNotXmlIsNamedNotSkipped() throws IOException {
        Files.writeString(dir.resolve("hermetic.lock"), "info.picocli:picocli:jar:4.7.7 sha256=" + SHA + "\n");
        Files.writeString(dir.resolve("pom.xml"), "<project><dependencies>");
        List<String> v = PinPolicy.violations(ProjectLock.read(dir), dir);
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).startsWith("pom.xml: cannot read it as XML: "), v.get(0));
    }

    @Test
    void npmWeakHashesAndStaleLocksAreRefused() throws IOException {
        Files.writeString(dir.resolve("package-lock.json"), """
                {"lockfileVersion":3,"packages":{"":{"name":"app"},
                 "node_modules/a":{"version":"1.0.0","resolved":"https://registry.npmjs.org/a/-/a-1.0.0.tgz",
                   "integrity":"sha1-AAAAAAAAAAAAAAAAAAAAAAAAAAA="},
                 "node_modules/b":{"version":"1.0.0"}}}
                """);
        Files.writeString(dir.resolve("package.json"), "{\"dependencies\":{\"a\":\"1.0.0\",\"b\":\"1.0.0\",\"c\":\"^2.0.0\"}}");
        List<String> v = PinPolicy.violations(ProjectLock.read(dir), dir);
        assertEquals(3, v.size(), v.toString());
        assertTrue(v.get(0).contains("a@1.0.0") && v.get(0).contains("sha1"), v.get(0));
        assertTrue(v.get(1).contains("b@1.0.0") && v.get(1).endsWith("missing hash"), v.get(1));
        assertTrue(v.get(2).contains("package.json declares c"), v.get(2));
    }

    @Test
    void pipRequirementsNeedExactVersionsAndHashes() throws IOException {
        Files.writeString(dir.resolve("requirements.txt"), "requests==2.32.3 --hash=sha256:" + SHA + "\nidna>=3\nsix==1.16.0\n");
        List<String> v = PinPolicy.violations(ProjectLock.read(dir), dir);
        assertEquals(3, v.size(), v.toString());
        assertTrue(v.get(0).contains("idna@>=3") && v.get(0).contains("version range"), v.get(0));
        assertTrue(v.get(1).contains("idna") && v.get(1).endsWith("missing hash"), v.get(1));
        assertTrue(v.get(2).contains("six@1.16.0") && v.get(2).endsWith("missing hash"), v.get(2));
    }

    @Test
    void cargoRegistryPackagesNeedChecksums() throws IOException {
        Files.writeString(dir.resolve("Cargo.lock"), "[[package]]\nname = \"itoa\"\nversion = \"1.0.11\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n");
        List<String> v = PinPolicy.violations(ProjectLock.read(dir), dir);
        assertEquals(1, v.size());
        assertTrue(v.get(0).contains("itoa@1.0.11") && v.get(0).endsWith("missing hash"), v.get(0));
    }

    @Test
    void anNpmLockWithoutResolvedUrlsIsRefusedWithTheFix() throws IOException {
        Files.writeString(dir.resolve("package-lock.json"), """
                {"lockfileVersion":3,"packages":{"":{"name":"app"},
                 "node_modules/a":{"version":"1.0.0","integrity":"sha512-%s"},
                 "node_modules/a/node_modules/bundled":{"version":"2.0.0","inBundle":true,"license":"MIT"}}}
                """.formatted(java.util.Base64.getEncoder().encodeToString(new byte[64])));
        Files.writeString(dir.resolve("package.json"), "{\"dependencies\":{\"a\":\"1.0.0\"}}");
        List<String> v = PinPolicy.violations(ProjectLock.read(dir), dir);
        assertTrue(v.stream().anyMatch(p -> p.startsWith("package-lock.json: 1 package(s) have no 'resolved' URL (first: a@1.0.0)")
                && p.contains("ENOTCACHED") && p.contains("--omit-lockfile-registry-resolved=false")), v.toString());
    }
}
