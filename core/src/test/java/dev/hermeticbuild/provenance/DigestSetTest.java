package dev.hermeticbuild.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DigestSetTest {

    @Test
    void goModuleHashesBecomeHexDirHashAsTheSpecExampleSays() {
        // The in-toto DigestSet spec's own example: h1 of the empty module.
        assertEquals(Map.of("dirHash", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                DigestSet.fromLockfile(Map.of("h1", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="), "go.sum:1"));
    }

    @Test
    void otherAlgorithmsStayAsTheyAre() {
        assertEquals(Map.of("sha256", "ab", "sha512", "cd"), DigestSet.fromLockfile(Map.of("sha256", "ab", "sha512", "cd"), "x"));
    }

    @Test
    void aBrokenH1IsNamedWithItsPlace() {
        InputException e = assertThrows(InputException.class,
                () -> DigestSet.fromLockfile(Map.of("h1", "abc="), "go.sum:7 golang.org/x/text@v0.14.0"));
        assertTrue(e.getMessage().startsWith("go.sum:7 golang.org/x/text@v0.14.0: h1 hash 'abc=' is not base64 SHA-256"), e.getMessage());
    }
}
