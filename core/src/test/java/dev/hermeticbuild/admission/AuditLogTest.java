package dev.hermeticbuild.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditLogTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AuditLog log = AuditLog.to(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private static Decision unverified() {
        ImageDecision image = new ImageDecision("registry.example.com/x@sha256:" + "a".repeat(64), "spec.containers[0].image", true,
                Reason.REGISTRY_UNAVAILABLE, Optional.of("team-a"), List.of("registry unavailable: refused (failurePolicy: allow)"), false);
        return Decision.over("u-1", Mode.ENFORCE, List.of(image));
    }

    @Test
    void aDecisionsWarningsAreInItsLine() throws Exception {
        log.record(Instant.parse("2026-12-03T10:00:00Z"), Optional.empty(), unverified(), Duration.ofMillis(3));
        JsonNode line = new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8));
        assertEquals("allowed", line.path("result").asText());
        assertEquals(1, line.path("warnings").size());
        assertTrue(line.path("warnings").get(0).asText().startsWith("hermetic admission: admitted unverified: spec.containers[0].image"),
                line.toString());
    }

    @Test
    void aFailingListenerIsNamedByItsErrorsTypeOnly() throws Exception {
        AuditLog failing = log.alsoTo((at, request, decision) -> {
            throw new IllegalStateException("cannot connect to postgresql://hermetic:s3cret@db/prov");
        });
        failing.record(Instant.parse("2026-12-03T10:00:00Z"), Optional.empty(), unverified(), Duration.ofMillis(3));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("s3cret"), text);
        String[] lines = text.split("\n");
        assertEquals(2, lines.length);
        JsonNode failure = new ObjectMapper().readTree(lines[1]);
        assertEquals("admission.listener-failed", failure.path("event").asText());
        assertEquals("IllegalStateException", failure.path("error").asText());
    }
}
