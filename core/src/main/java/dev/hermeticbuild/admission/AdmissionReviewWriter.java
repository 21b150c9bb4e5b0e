package dev.hermeticbuild.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Writes the {@code admission.k8s.io/v1} AdmissionReview response to a {@link Decision}: the uid
 * echoed, {@code allowed}, for a denial {@code status.code} 403 with the message, and in warn mode
 * {@code warnings[]} (which kubectl prints); to a {@link TagPinning}, the mutating answer.
 */
public final class AdmissionReviewWriter {

    /** Longest message written: the API server truncates long ones anyway, kubectl shows the start. */
    static final int MAX_MESSAGE = 4096;
    /** The API server keeps warnings up to this many characters each. */
    static final int MAX_WARNING = 256;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AdmissionReviewWriter() {
    }

    /** The response review as JSON bytes. */
    public static byte[] write(Decision decision) {
        ObjectNode review = JSON.createObjectNode();
        ObjectNode response = response(review, decision.uid(), decision.allowed());
        if (!decision.allowed()) {
            ObjectNode status = response.putObject("status");
            status.put("code", 403);
            status.put("reason", "Forbidden");
            status.put("message", cut(decision.message(), MAX_MESSAGE));
        }
        return bytes(review, response, decision.warnings());
    }

    /**
     * The response to a mutating review: always allowed; the pinned images as a base64 JSON patch
     * ({@code patchType: JSONPatch}) of {@code replace} operations, the tags left unpinned as warnings.
     */
    public static byte[] write(TagPinning pinning) {
        ObjectNode review = JSON.createObjectNode();
        ObjectNode response = response(review, pinning.uid(), true);
        if (!pinning.pinned().isEmpty()) {
            ArrayNode patch = JSON.createArrayNode();
            pinning.pinned().forEach(p -> patch.addObject().put("op", "replace").put("path", p.pointer()).put("value", p.to()));
            response.put("patchType", "JSONPatch");
            response.put("patch", Base64.getEncoder().encodeToString(patch.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return bytes(review, response, pinning.warnings());
    }

    private static ObjectNode response(ObjectNode review, String uid, boolean allowed) {
        review.put("apiVersion", AdmissionReviewReader.API_VERSION);
        review.put("kind", "AdmissionReview");
        return review.putObject("response").put("uid", uid).put("allowed", allowed);
    }

    private static byte[] bytes(ObjectNode review, ObjectNode response, List<String> warnings) {
        warnings.forEach(w -> response.withArray("warnings").add(cut(w, MAX_WARNING)));
        try {
            return JSON.writeValueAsBytes(review);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write AdmissionReview", e);
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
