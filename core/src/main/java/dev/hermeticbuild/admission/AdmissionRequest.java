package dev.hermeticbuild.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The request of an {@code admission.k8s.io/v1} AdmissionReview, as the API server sends it: the
 * fields a decision needs.
 *
 * @param uid       the request's uid, echoed in the response
 * @param kind      {@code request.kind.kind}, e.g. {@code Deployment}
 * @param namespace {@code request.namespace}; empty for cluster-scoped objects
 * @param name      {@code request.name}, or the object's {@code metadata.name} / {@code generateName}; may be empty
 * @param operation {@code CREATE}, {@code UPDATE}, {@code DELETE} or {@code CONNECT}
 * @param object    {@code request.object}; a missing node for {@code DELETE}
 * @param oldObject {@code request.oldObject} of an {@code UPDATE} (the object as stored, sent by the API
 *                  server); a missing node otherwise, or when it is not an object
 */
public record AdmissionRequest(String uid, String kind, String namespace, String name, String operation, JsonNode object,
                               JsonNode oldObject) {

    public AdmissionRequest {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(oldObject, "oldObject");
    }

    /** A request without an {@code oldObject}. */
    public AdmissionRequest(String uid, String kind, String namespace, String name, String operation, JsonNode object) {
        this(uid, kind, namespace, name, operation, object, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }

    /** Whether the operation can start containers, so its images are checked. */
    public boolean startsContainers() {
        return operation.equals("CREATE") || operation.equals("UPDATE");
    }
}
