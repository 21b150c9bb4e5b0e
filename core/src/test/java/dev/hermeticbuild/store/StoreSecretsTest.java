package dev.hermeticbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.testing.PostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A real PostgreSQL that asks for a password: a wrong one is refused without the password in any
 * message or cause, and the driver is found in a class loader like a Jenkins plugin's.
 */
class StoreSecretsTest {

    private static final String SECRET = "Wr0ng&S3cret=xyz";

    @Test
    void aWrongPasswordIsRefusedWithoutShowingIt() {
        String url = PostgresServer.get().passwordRole("hermetic_pw", "the-right-one");
        StoreException e = assertThrows(StoreException.class,
                () -> ProvenanceStores.open(StoreUrls.withPassword(url, Optional.of(SECRET))).close());
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        for (String form : new String[] {SECRET, "Wr0ng%26S3cret%3Dxyz", "S3cret"}) {
            assertFalse(trace.toString().contains(form), "the password (" + form + ") in: " + trace);
        }
        assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());

        try (ProvenanceStore store = ProvenanceStores.open(StoreUrls.withPassword(url, Optional.of("the-right-one")))) {
            assertEquals(0, store.size());
        }
    }

    @Test
    void messagesLoseThePasswordInEveryFormTheUrlCarriesIt() {
        String url = "jdbc:postgresql://u:inf0@db/h?user=ci&password=p%26ss%3Dw";
        assertEquals("at jdbc:postgresql://u:***@db/h?user=ci&password=*** (*** / ***)",
                ProvenanceStores.redact("at " + url + " (p&ss=w / inf0)", url));
    }

    /** In a Jenkins step thread, DriverManager cannot see a driver that the plugin's class loader holds. */
    @Test
    void theDriverIsFoundWhereDriverManagerWouldNotFindIt() throws Exception {
        String url = PostgresServer.get().newDatabase();
        URL[] classpath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(URL[]::new);
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader plugin = new URLClassLoader(classpath, ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
            Class<?> stores = plugin.loadClass(ProvenanceStores.class.getName());
            Object store = stores.getMethod("open", String.class).invoke(null, url);
            assertEquals(0L, plugin.loadClass(ProvenanceStore.class.getName()).getMethod("size").invoke(store));
            ((AutoCloseable) store).close();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
