package dev.hermeticbuild.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Image references and HOST:PORT endpoints: what parses, what is pinned, and what is refused. */
class ReferencesTest {

    static final String HEX = "0123456789abcdef".repeat(4);

    @Test
    void imageReferences() {
        ImageReference r = ImageReference.parse("registry.example.com:5000/team/hermetic-agent:1.2@sha256:" + HEX, "--image");
        assertEquals("registry.example.com:5000/team/hermetic-agent", r.name());
        assertEquals(Optional.of("1.2"), r.tag());
        assertEquals(Optional.of("sha256:" + HEX), r.digest());
        assertTrue(r.pinned());
        assertFalse(ImageReference.parse("maven:latest", "x").pinned());
        assertFalse(ImageReference.parse("localhost/hermetic-agent", "x").pinned());
        assertTrue(ImageReference.parse("debian@sha256:" + HEX, "x").pinned());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Maven:latest", "maven:", "maven@sha256:abc", "maven@sha256:" + "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
            "maven@md5:0123", "a//b", "-bad/name", "maven:la test", "registry..example.com/x"})
    void malformedImageReferencesAreInputErrorsNamingTheOption(String text) {
        InputException e = assertThrows(InputException.class, () -> ImageReference.parse(text, "--image"));
        assertTrue(e.getMessage().startsWith("--image"), e.getMessage());
    }

    @Test
    void hostPorts() {
        assertEquals(new HostPort("10.0.0.1", 50000), HostPort.parse("10.0.0.1:50000", "--controller"));
        assertTrue(HostPort.parse("10.0.0.1:50000", "--controller").isIpLiteral());
        assertEquals("10.0.0.1/32", HostPort.parse("10.0.0.1:50000", "--controller").hostCidr());
        assertEquals("fd00::1/128", HostPort.parse("[fd00::1]:443", "--controller").hostCidr());
        assertEquals("[fd00::1]:443", HostPort.parse("[fd00::1]:443", "--controller").toString());
        HostPort svc = HostPort.parse("Jenkins.CI.svc.cluster.local:50000", "--controller");
        assertFalse(svc.isIpLiteral());
        assertEquals(Optional.of("ci"), svc.serviceNamespace());
        assertEquals(Optional.empty(), HostPort.parse("jenkins.example.com:50000", "x").serviceNamespace());
    }

    @Test
    void quantities() {
        assertEquals(0, ResourceQuantity.parse("500m", "--cpu").value().compareTo(new java.math.BigDecimal("0.5")));
        assertEquals(0, ResourceQuantity.parse("4Gi", "--memory").value().compareTo(java.math.BigDecimal.valueOf(4L << 30)));
        assertEquals(0, ResourceQuantity.parse("1e3", "--memory").value().compareTo(java.math.BigDecimal.valueOf(1000)));
        ResourceQuantity[] pair = ResourceQuantity.requestAndLimit("1500Mi:2Gi", "--memory");
        assertEquals("1500Mi", pair[0].text());
        assertEquals("2Gi", pair[1].text());
        InputException e = assertThrows(InputException.class, () -> ResourceQuantity.requestAndLimit("3Gi:2000Mi", "--memory"));
        assertTrue(e.getMessage().startsWith("--memory 3Gi:2000Mi: the request 3Gi is above the limit 2000Mi"), e.getMessage());
        for (String bad : new String[] {"", "-1", "4GB", "1:2:3", "0m", "Gi"}) {
            assertThrows(InputException.class, () -> ResourceQuantity.requestAndLimit(bad, "--memory"), bad);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jenkins", "jenkins:", ":50000", "jenkins:0", "jenkins:65536", "jenkins:http", "fd00::1:443",
            "10.0.0.1:50000/tcp", "jen kins:1", "http://jenkins:8080"})
    void malformedEndpointsAreInputErrorsNamingTheOption(String text) {
        InputException e = assertThrows(InputException.class, () -> HostPort.parse(text, "--controller"));
        assertTrue(e.getMessage().startsWith("--controller " + text + ": expected HOST:PORT"), e.getMessage());
    }
}
