package dev.hermeticbuild.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifyPolicyTest {

    @Test
    void theDefaultsAreTheStrictOnes() {
        VerifyPolicy p = VerifyPolicy.builder().keyring(Keyring.none()).build();
        assertTrue(p.requireHermetic(), "a hermetic release build is required unless loosened");
        assertTrue(p.artifactRequired(), "the artifact is required unless loosened");
        assertEquals(Optional.empty(), p.keyless(), "keyless bundles are refused unless a trusted root is given");
        assertTrue(p.revoked().rejection("any").isEmpty());
        assertEquals(Set.of(), p.builderIds());
        assertEquals(Optional.empty(), p.sourceUri());
        assertEquals(Optional.empty(), p.sourceCommit());
        assertEquals(Optional.empty(), p.maxAge());
        assertTrue(p.checksProvenance());
    }

    @Test
    void aMissingKeyringIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> VerifyPolicy.builder().build());
        assertTrue(e.getMessage().contains("keyring is required"), e.getMessage());
    }

    @Test
    void toBuilderLoosensOneThingAndKeepsTheRest() {
        VerifyPolicy strict = VerifyPolicy.builder().keyring(Keyring.none()).builderIds(Set.of("https://ci.example.com/"))
                .sourceUri(Optional.of("https://git.example.com/app.git")).sourceCommit(Optional.of("a".repeat(40)))
                .maxAge(Optional.of(Duration.ofDays(1))).build();
        VerifyPolicy noArtifact = strict.toBuilder().artifactRequired(false).build();
        assertFalse(noArtifact.artifactRequired());
        assertTrue(noArtifact.requireHermetic());
        assertEquals(strict.builderIds(), noArtifact.builderIds());
        assertEquals(strict.sourceUri(), noArtifact.sourceUri());
        assertEquals(strict.sourceCommit(), noArtifact.sourceCommit());
        assertEquals(strict.maxAge(), noArtifact.maxAge());
        assertEquals(strict.clock(), noArtifact.clock());
    }

    @Test
    void withNothingToCheckButTheSignatureNoProvenanceIsNeeded() {
        assertFalse(VerifyPolicy.builder().keyring(Keyring.none()).requireHermetic(false).build().checksProvenance());
    }

    @Test
    void aMaxAgeThatIsNotPositiveIsRefused() {
        InputException e = assertThrows(InputException.class,
                () -> VerifyPolicy.builder().maxAge(Optional.of(Duration.ZERO)));
        assertTrue(e.getMessage().contains("max age must be positive"), e.getMessage());
    }
}
