package dev.hermeticbuild.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * One JSON line per decision: when, which request (uid, kind, namespace, name, operation), the
 * outcome and reasons, the latency, and each image's decision. It holds what the request and the
 * policy say, never credentials.
 */
public final class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Told of every decision after its line is written, e.g. to record deploy-time checks in the provenance store. */
    @FunctionalInterface
    public interface Listener {
        void decided(Instant at, java.util.Optional<AdmissionRequest> request, Decision decision);
    }

    private final PrintStream out;
    private final java.util.List<Listener> listeners;

    private AuditLog(PrintStream out, java.util.List<Listener> listeners) {
        this.out = out;
        this.listeners = java.util.List.copyOf(listeners);
    }

    private AuditLog(PrintStream out) {
        this(out, java.util.List.of());
    }

    /** This log, also telling {@code listener} of each decision (a listener that fails never changes a decision). */
    public AuditLog alsoTo(Listener listener) {
        java.util.List<Listener> all = new java.util.ArrayList<>(listeners);
        all.add(listener);
        return new AuditLog(out, all);
    }

    /** Lines to {@code stream} (standard error, usually). */
    public static AuditLog to(PrintStream stream) {
        return new AuditLog(stream);
    }

    /** Lines appended to {@code file}, created when missing. */
    public static AuditLog toFile(Path file) {
        try {
            OutputStream stream = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            return new AuditLog(new PrintStream(stream, true, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException("audit log " + file + ": cannot open for appending: " + e.getMessage(), e);
        }
    }

    /** Writes the line for the tags pinned (or not) in {@code request}; nothing when there was nothing to pin. */
    public void record(Instant at, AdmissionRequest request, TagPinning pinning) {
        if (pinning.pinned().isEmpty() && pinning.warnings().isEmpty()) {
            return;
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("time", at.toString());
        line.put("event", "admission.pinned");
        line.put("uid", pinning.uid());
        line.put("kind", request.kind()).put("namespace", request.namespace()).put("name", request.name())
                .put("operation", request.operation());
        ArrayNode images = line.putArray("images");
        for (TagPinning.Pinned p : pinning.pinned()) {
            images.addObject().put("path", p.path()).put("from", p.from()).put("to", p.to()).put("rule", p.rule());
        }
        ArrayNode warnings = line.putArray("warnings");
        pinning.warnings().forEach(warnings::add);
        write(line);
    }

    private void write(ObjectNode line) {
        String text;
        try {
            text = JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write audit line", e);
        }
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

    /** Writes the line for {@code decision} on {@code request} (empty when the review was unreadable). */
    public void record(Instant at, java.util.Optional<AdmissionRequest> request, Decision decision, Duration latency) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", at.toString());
        line.put("event", "admission.decision");
        line.put("uid", decision.uid());
        request.ifPresent(r -> line.put("kind", r.kind()).put("namespace", r.namespace()).put("name", r.name())
                .put("operation", r.operation()));
        line.put("allowed", decision.allowed());
        line.put("result", decision.result());
        ArrayNode reasons = line.putArray("reasons");
        decision.reasons().forEach(r -> reasons.add(r.id()));
        line.put("latencyMs", latency.toNanos() / 1e6);
        if (!decision.message().isEmpty() && decision.images().isEmpty()) {
            line.put("message", decision.message());
        }
        if (!decision.warnings().isEmpty()) {
            ArrayNode warnings = line.putArray("warnings");
            decision.warnings().forEach(warnings::add);
        }
        ArrayNode images = line.putArray("images");
        for (ImageDecision d : decision.images()) {
            ObjectNode i = images.addObject();
            i.put("image", d.image()).put("path", d.path()).put("allowed", d.allowed()).put("reason", d.reason().id());
            d.rule().ifPresent(r -> i.put("rule", r));
            i.put("cached", d.cached());
            ArrayNode details = i.putArray("details");
            d.details().forEach(details::add);
        }
        write(line);
        for (Listener l : listeners) {
            try {
                l.decided(at, request, decision);
            } catch (RuntimeException e) {
                synchronized (out) {
                    out.println("{\"event\":\"admission.listener-failed\",\"error\":" + JSON.valueToTree(e.getClass().getSimpleName()) + "}");
                }
            }
        }
    }
}
