package dev.hermeticbuild.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdmissionReviewReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheRequestAsTheApiServerSendsIt() {
        AdmissionRequest r = AdmissionReviewReader.read(AdmissionFixtures.review("deployment.json"));
        assertEquals("e911857d-c318-11e8-bbad-025000000001", r.uid());
        assertEquals("Deployment", r.kind());
        assertEquals("team-a", r.namespace());
        assertEquals("web", r.name());
        assertEquals("CREATE", r.operation());
        assertTrue(r.startsContainers());
    }

    @Test
    void aPodWithOnlyGenerateNameIsNamedByIt() {
        AdmissionRequest r = AdmissionReviewReader.read(AdmissionFixtures.review("pod-pinned.json"));
        assertEquals("app-7c9f8d6b5-", r.name());
    }

    @Test
    void everyContainerInitAndEphemeralImageIsFound() {
        AdmissionRequest pod = AdmissionReviewReader.read(AdmissionFixtures.review("pod-ephemeral.json"));
        assertEquals(List.of("spec.initContainers[0].image", "spec.containers[0].image", "spec.ephemeralContainers[0].image"),
                PodImages.of(pod.kind(), pod.object()).stream().map(ContainerImage::path).toList());
        AdmissionRequest cron = AdmissionReviewReader.read(AdmissionFixtures.review("cronjob.json"));
        assertEquals(List.of(new ContainerImage("spec.jobTemplate.spec.template.spec.containers[0].image",
                        "registry.example.com/team-a/report@" + AdmissionFixtures.GOOD)),
                PodImages.of(cron.kind(), cron.object()));
    }

    @Test
    void garbageIsRefusedWithoutAUid() {
        MalformedReviewException e = assertThrows(MalformedReviewException.class,
                () -> AdmissionReviewReader.read("{\"apiVersion\": ".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("AdmissionReview: not valid JSON"), e.getMessage());
        assertEquals(Optional.empty(), e.uid());
    }

    @Test
    void aWrongVersionIsRefusedWithTheUidStillEchoed() throws Exception {
        JsonNode review = JSON.readTree(AdmissionFixtures.review("pod-pinned.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) review).put("apiVersion", "admission.k8s.io/v1beta1");
        MalformedReviewException e = assertThrows(MalformedReviewException.class,
                () -> AdmissionReviewReader.read(JSON.writeValueAsBytes(review)));
        assertEquals("AdmissionReview: apiVersion is 'admission.k8s.io/v1beta1', expected admission.k8s.io/v1", e.getMessage());
        assertEquals(Optional.of("705ab4f5-6393-11e8-b7cc-42010a800002"), e.uid());
    }

    @Test
    void duplicateKeysAndAMismatchedObjectKindAreRefused() {
        String dup = AdmissionFixtures.reviewText("pod-pinned.json").replaceFirst("\"operation\": \"CREATE\"",
                "\"operation\": \"CREATE\", \"operation\": \"DELETE\"");
        assertTrue(assertThrows(MalformedReviewException.class, () -> AdmissionReviewReader.read(dup.getBytes(StandardCharsets.UTF_8)))
                .getMessage().contains("Duplicate field 'operation'"));
        String smuggled = AdmissionFixtures.reviewText("deployment.json").replaceFirst("\"kind\": \"Deployment\",\\s*\"metadata\"",
                "\"kind\": \"ConfigMap\", \"metadata\"");
        assertEquals("AdmissionReview: request.object.kind 'ConfigMap' is not request.kind.kind Deployment",
                assertThrows(MalformedReviewException.class,
                        () -> AdmissionReviewReader.read(smuggled.getBytes(StandardCharsets.UTF_8))).getMessage());
    }

    @Test
    void aHugeBodyIsRefusedUnread() {
        byte[] huge = new byte[AdmissionReviewReader.MAX_BYTES + 1];
        MalformedReviewException e = assertThrows(MalformedReviewException.class, () -> AdmissionReviewReader.read(huge));
        assertTrue(e.getMessage().contains("over the limit"), e.getMessage());
    }

    @Test
    void theResponseEchoesTheUidAndCarriesStatusOrWarnings() throws Exception {
        JsonNode denied = JSON.readTree(AdmissionReviewWriter.write(
                Decision.refused("u-1", Reason.UNSUPPORTED_KIND, "kind ConfigMap is not checked")));
        assertEquals("admission.k8s.io/v1", denied.path("apiVersion").asText());
        assertEquals("AdmissionReview", denied.path("kind").asText());
        assertEquals("u-1", denied.path("response").path("uid").asText());
        assertFalse(denied.path("response").path("allowed").asBoolean(true));
        assertEquals(403, denied.path("response").path("status").path("code").asInt());
        assertEquals("kind ConfigMap is not checked", denied.path("response").path("status").path("message").asText());
        Decision warned = new Decision("u-2", true, "warned", List.of(Reason.NOT_PINNED), "", List.of("would deny"), List.of());
        JsonNode w = JSON.readTree(AdmissionReviewWriter.write(warned));
        assertTrue(w.path("response").path("allowed").asBoolean(false));
        assertEquals("would deny", w.path("response").path("warnings").get(0).asText());
        assertTrue(w.path("response").path("status").isMissingNode());
    }
}
