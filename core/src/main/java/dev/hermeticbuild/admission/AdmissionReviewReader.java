package dev.hermeticbuild.admission;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an {@code admission.k8s.io/v1} AdmissionReview strictly: at most {@link #MAX_BYTES}, no
 * duplicate keys, no trailing content, bounded nesting; {@code apiVersion}, {@code kind},
 * {@code request.uid}, {@code request.kind.kind} and {@code request.operation} required, and the
 * object's own kind (when it has one) the same as the request's.
 */
public final class AdmissionReviewReader {

    /** Largest review read: 3 MiB, the API server's own limit on a request body is about this. */
    public static final int MAX_BYTES = 3 * 1024 * 1024;
    /** The only review version read and written. */
    public static final String API_VERSION = "admission.k8s.io/v1";

    private static final Pattern UID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern OPERATION = Pattern.compile("CREATE|UPDATE|DELETE|CONNECT");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(100).maxStringLength(MAX_BYTES).maxDocumentLength(MAX_BYTES).build());
    }

    private AdmissionReviewReader() {
    }

    /** The request of the review in {@code body}; a {@link MalformedReviewException} says what is wrong. */
    public static AdmissionRequest read(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new MalformedReviewException("body of " + body.length + " bytes is over the limit of " + MAX_BYTES,
                    Optional.empty());
        }
        JsonNode review;
        try {
            review = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedReviewException("not valid JSON: " + e.getOriginalMessage(), Optional.empty());
        } catch (IOException e) {
            throw new MalformedReviewException("cannot read: " + e.getMessage(), Optional.empty());
        }
        if (review == null || !review.isObject()) {
            throw new MalformedReviewException("not a JSON object", Optional.empty());
        }
        JsonNode request = review.path("request");
        Optional<String> uid = Optional.of(request.path("uid")).filter(JsonNode::isTextual).map(JsonNode::asText)
                .filter(u -> UID.matcher(u).matches());
        if (!API_VERSION.equals(review.path("apiVersion").asText(null))) {
            throw new MalformedReviewException("apiVersion is " + describe(review.path("apiVersion"))
                    + ", expected " + API_VERSION, uid);
        }
        if (!"AdmissionReview".equals(review.path("kind").asText(null))) {
            throw new MalformedReviewException("kind is " + describe(review.path("kind")) + ", expected AdmissionReview", uid);
        }
        if (!request.isObject()) {
            throw new MalformedReviewException("no request object", uid);
        }
        if (uid.isEmpty()) {
            throw new MalformedReviewException("request.uid is " + describe(request.path("uid"))
                    + ", expected a uid (letters, digits, . _ : -)", uid);
        }
        String kind = text(request.path("kind").path("kind"), "request.kind.kind", uid);
        String operation = text(request.path("operation"), "request.operation", uid);
        if (!OPERATION.matcher(operation).matches()) {
            throw new MalformedReviewException("request.operation " + operation + " is not CREATE, UPDATE, DELETE or CONNECT", uid);
        }
        JsonNode object = request.path("object");
        if (operation.equals("CREATE") || operation.equals("UPDATE")) {
            if (!object.isObject()) {
                throw new MalformedReviewException("request.object is " + describe(object) + " for a " + operation, uid);
            }
            JsonNode ownKind = object.path("kind");
            if (!ownKind.isMissingNode() && !ownKind.asText("").equals(kind)) {
                throw new MalformedReviewException("request.object.kind " + describe(ownKind)
                        + " is not request.kind.kind " + kind, uid);
            }
        }
        String namespace = optionalText(request.path("namespace"), "request.namespace", uid);
        String name = optionalText(request.path("name"), "request.name", uid);
        if (name.isEmpty()) {
            JsonNode metadata = object.path("metadata");
            name = metadata.path("name").asText(metadata.path("generateName").asText(""));
        }
        JsonNode oldObject = request.path("oldObject");
        if (!operation.equals("UPDATE") || !oldObject.isObject()
                || !(oldObject.path("kind").isMissingNode() || oldObject.path("kind").asText("").equals(kind))) {
            oldObject = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        return new AdmissionRequest(uid.get(), kind, namespace, name, operation, object, oldObject);
    }

    private static String text(JsonNode node, String field, Optional<String> uid) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new MalformedReviewException(field + " is " + describe(node) + ", expected a string", uid);
        }
        return node.asText();
    }

    private static String optionalText(JsonNode node, String field, Optional<String> uid) {
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw new MalformedReviewException(field + " is " + describe(node) + ", expected a string", uid);
        }
        return node.asText();
    }

    private static String describe(JsonNode node) {
        if (node.isMissingNode()) {
            return "missing";
        }
        if (node.isTextual()) {
            String t = node.asText();
            return "'" + (t.length() > 64 ? t.substring(0, 64) + "..." : t) + "'";
        }
        return "a " + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
