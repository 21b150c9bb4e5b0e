package dev.hermeticbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hermeticbuild.InputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreUrlsTest {

    @Test
    void thePasswordComesFromTheCredentialAndOnlyForPostgresql() {
        assertEquals("jdbc:postgresql://db/h?user=ci&password=p%26ss%3Dw", StoreUrls.withPassword("jdbc:postgresql://db/h?user=ci", Optional.of("p&ss=w")));
        assertEquals("jdbc:postgresql://db/h?password=x", StoreUrls.withPassword("jdbc:postgresql://db/h", Optional.of("x")));
        assertEquals("jdbc:sqlite:/var/h.db", StoreUrls.withPassword("jdbc:sqlite:/var/h.db", Optional.of("ignored")));
        assertThrows(InputException.class, () -> StoreUrls.withPassword("jdbc:postgresql://db/h?password=inline", Optional.of("x")));
        assertThrows(InputException.class, () -> StoreUrls.withPassword("jdbc:mysql://db/h", Optional.empty()));
    }
}
