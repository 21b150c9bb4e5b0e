package dev.hermeticbuild.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.kubernetes.ImageReference;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdmissionPolicyFileTest {

    @TempDir
    Path dir;

    @Test
    void aMinimalFileKeepsTheStrictDefaults() {
        AdmissionPolicy p = AdmissionPolicyFile.read(AdmissionFixtures.policyFile(dir, AdmissionFixtures.RULES), Clock.systemUTC());
        assertEquals(Mode.ENFORCE, p.mode());
        assertEquals(Set.of("kube-system"), p.exemptNamespaces());
        assertEquals(Fallback.DENY, p.unmatchedImages());
        assertEquals(Fallback.DENY, p.registryFailure());
        assertEquals(Duration.ofMinutes(5), p.cacheTtl());
        PolicyRule rule = p.rules().get(0);
        VerifyPolicy v = rule.policies().get(0);
        assertTrue(v.requireHermetic());
        assertEquals(1, v.keyring().keys().size());
        assertEquals(Set.of("https://ci.example.com/hermetic"), v.builderIds());
        assertEquals(Optional.of(Duration.ofDays(30)), v.maxAge());
        assertFalse(rule.requireReproducibility());
    }

    @Test
    void everyFieldIsRead() {
        AdmissionPolicy p = AdmissionPolicyFile.read(AdmissionFixtures.policyFile(dir, """
                mode: warn
                exemptNamespaces: [kube-system, monitoring]
                unmatchedImages: allow
                failurePolicy: allow
                cacheTtl: 90s
                rules:
                  - name: apps
                    images: ["registry.example.com/*/app", "nginx"]
                    keys: keys/release.pub
                    sourceRepositories: ["git+https://git.example.com/a.git", "git+https://git.example.com/b.git"]
                    requireHermetic: false
                    requireReproducibility: true
                """), Clock.systemUTC());
        assertEquals(Mode.WARN, p.mode());
        assertEquals(Set.of("kube-system", "monitoring"), p.exemptNamespaces());
        assertEquals(Fallback.ALLOW, p.unmatchedImages());
        assertEquals(Fallback.ALLOW, p.registryFailure());
        assertEquals(Duration.ofSeconds(90), p.cacheTtl());
        PolicyRule rule = p.rules().get(0);
        assertEquals(List.of("*"), rule.namespaces());
        assertEquals(List.of(Optional.of("git+https://git.example.com/a.git"), Optional.of("git+https://git.example.com/b.git")),
                rule.policies().stream().map(VerifyPolicy::sourceUri).toList());
        assertFalse(rule.policies().get(1).requireHermetic());
        assertTrue(rule.requireReproducibility());
    }

    @Test
    void imagePatternsMatchCanonicalNames() {
        AdmissionPolicy p = AdmissionPolicyFile.read(AdmissionFixtures.policyFile(dir, """
                rules:
                  - name: one-level
                    namespaces: [prod]
                    images: ["registry.example.com/*/app", "nginx"]
                    keys: keys
                """), Clock.systemUTC());
        String d = "@" + AdmissionFixtures.GOOD;
        assertTrue(p.ruleFor("prod", ImageReference.parse("registry.example.com/team/app" + d, "t")).isPresent());
        assertTrue(p.ruleFor("prod", ImageReference.parse("docker.io/library/nginx" + d, "t")).isPresent(),
                "the glob nginx is read as an image name is: docker.io/library/nginx");
        assertTrue(p.ruleFor("prod", ImageReference.parse("registry.example.com/team/sub/app" + d, "t")).isEmpty());
        assertTrue(p.ruleFor("dev", ImageReference.parse("registry.example.com/team/app" + d, "t")).isEmpty());
        assertEquals("docker.io/library/nginx", ImagePattern.canonicalName("nginx"));
        assertEquals("docker.io/team/app", ImagePattern.canonicalName("team/app"));
        assertEquals("localhost:5000/app", ImagePattern.canonicalName("localhost:5000/app"));
    }

    @Test
    void unknownFieldsAndBadValuesNameTheFileAndField() {
        assertError("rules:\n  - name: a\n    images: [x]\n    keys: keys\n    requireHermetc: false\n",
                "rules[0].requireHermetc: unknown field");
        assertError("mode: audit\nrules: []\n", "mode: 'audit' is not one of enforce, warn");
        assertError("mode: enforce\n", "rules: missing");
        assertError("rules:\n  - name: a\n    images: [x]\n", "rules[0].keys: missing");
        assertError("rules:\n  - name: a\n    images: [x]\n    keys: nowhere\n", "rules[0].keys:");
        assertError("rules:\n  - name: a\n    images: [\"x:latest\"]\n    keys: keys\n", "rules[0].images[0] 'x:latest'");
        assertError("cacheTtl: soon\nrules:\n  - name: a\n    images: [x]\n    keys: keys\n", "cacheTtl soon: expected a duration");
        assertError("rules:\n  - name: a\n    images: [x]\n    keys: keys\n  - name: a\n    images: [y]\n    keys: keys\n",
                "rules[1].name: 'a' is the name of an earlier rule too");
        assertError("rules:\n  - name: a\n    images: [x]\n    keys: keys\n    requireHermetic: \"no\"\n",
                "rules[0].requireHermetic: expected true or false");
        assertError("mode: warn\nmode: enforce\nrules: []\n", "Duplicate field 'mode'");
    }

    @Test
    void anEmptyListOrAGlobWhereANameIsExpectedIsRefused() {
        String rule = "rules:\n  - name: a\n    images: [x]\n    keys: keys\n";
        assertError("exemptNamespaces: [\"kube-*\"]\n" + rule, "exemptNamespaces[0]: 'kube-*' is not a namespace name");
        assertError("exemptNamespaces: [Kube-System]\n" + rule, "exemptNamespaces[0]: 'Kube-System' is not a namespace name");
        assertError("exemptNamespaces: [kube-system, \"-x\"]\n" + rule, "exemptNamespaces[1]: '-x'");
        assertError("rules:\n  - name: a\n    images: []\n    keys: keys\n", "rules[0].images: empty list");
        assertError("rules:\n  - name: a\n    namespaces: []\n    images: [x]\n    keys: keys\n",
                "rules[0].namespaces: empty list: omit it to apply the rule in every namespace");
        Path file = AdmissionFixtures.policyFile(dir, "exemptNamespaces: []\n" + rule);
        assertTrue(AdmissionPolicyFile.read(file, Clock.systemUTC()).exemptNamespaces().isEmpty(), "no exemptions is a choice");
    }

    private void assertError(String yaml, String expected) {
        Path file = AdmissionFixtures.policyFile(dir, yaml);
        InputException e = assertThrows(InputException.class, () -> AdmissionPolicyFile.read(file, Clock.systemUTC()));
        assertTrue(e.getMessage().startsWith("policy " + file), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
