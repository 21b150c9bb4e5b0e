package dev.hermeticbuild.admission;

import static dev.hermeticbuild.admission.AdmissionFixtures.BAD;
import static dev.hermeticbuild.admission.AdmissionFixtures.GOOD;
import static dev.hermeticbuild.admission.AdmissionFixtures.SIDE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.provenance.StatementTypes;
import dev.hermeticbuild.verify.VerificationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdmissionDeciderTest {

    @TempDir
    Path dir;

    private final SteppedClock clock = new SteppedClock();
    private final TableVerifier registry = new TableVerifier()
            .with(GOOD, ImageVerdict.pass(Set.of(StatementTypes.SLSA_PROVENANCE_V1), Optional.of(clock.instant().minus(Duration.ofDays(1)))))
            .with(SIDE, ImageVerdict.pass(Set.of(StatementTypes.SLSA_PROVENANCE_V1, StatementTypes.REPRODUCIBILITY_V1),
                    Optional.of(clock.instant().minus(Duration.ofDays(1)))))
            .with(BAD, ImageVerdict.fail(List.of(new VerificationFailure(VerificationFailure.Code.BUILDER_ID,
                    "builder id not allowed", "expected https://ci.example.com/hermetic, found https://evil.example.com"))));

    private AdmissionDecider decider(String yaml) {
        return new AdmissionDecider(AdmissionPolicyFile.read(AdmissionFixtures.policyFile(dir, yaml), clock), registry, clock);
    }

    private static AdmissionRequest request(String name) {
        return AdmissionReviewReader.read(AdmissionFixtures.review(name));
    }

    /** The review {@code name} as an UPDATE whose oldObject is its object, changed by {@code old}. */
    private static AdmissionRequest update(String name, Consumer<ObjectNode> old) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode review = (ObjectNode) json.readTree(AdmissionFixtures.review(name));
        ObjectNode request = (ObjectNode) review.get("request");
        request.put("operation", "UPDATE");
        request.set("oldObject", request.get("object").deepCopy());
        old.accept(request);
        return AdmissionReviewReader.read(json.writeValueAsBytes(review));
    }

    @Test
    void aPodWhoseImagesAllVerifyIsAdmitted() {
        Decision d = decider(AdmissionFixtures.RULES).decide(request("pod-pinned.json"));
        assertTrue(d.allowed(), d.message());
        assertEquals("allowed", d.result());
        assertEquals(List.of(Reason.VERIFIED), d.reasons());
        assertEquals(2, d.images().size());
        assertEquals("705ab4f5-6393-11e8-b7cc-42010a800002", d.uid());
        assertEquals(Set.of("https://ci.example.com/hermetic"), registry.policies.get(0).builderIds());
    }

    @Test
    void aBuilderOutsidePolicyIsDeniedWithItsReason() {
        Decision d = decider(AdmissionFixtures.RULES).decide(request("deployment.json"));
        assertFalse(d.allowed());
        assertEquals(List.of(Reason.VERIFICATION_FAILED, Reason.VERIFIED), d.reasons());
        assertEquals("hermetic admission denied 1 of 2 image(s): spec.template.spec.containers[1].image registry.example.com/team-a/proxy@"
                + BAD + ": verification-failed: builder-id: builder id not allowed (expected https://ci.example.com/hermetic, found"
                + " https://evil.example.com)", d.message());
    }

    @Test
    void aTagIsDeniedWithHowToPinAndNeverSentToTheRegistry() {
        Decision d = decider(AdmissionFixtures.RULES).decide(request("pod-tag.json"));
        assertFalse(d.allowed());
        assertEquals(Reason.NOT_PINNED, d.reasons().get(0));
        assertTrue(d.message().contains("deploy it as registry.example.com/team-a/app@sha256:<digest>"), d.message());
        assertTrue(d.message().contains("crane digest registry.example.com/team-a/app:1.4.2"), d.message());
        assertEquals(List.of("registry.example.com/team-a/migrate@" + SIDE), registry.calls);
    }

    @Test
    void anEphemeralDebugContainerIsCheckedToo() {
        Decision d = decider(AdmissionFixtures.RULES).decide(request("pod-ephemeral.json"));
        assertFalse(d.allowed());
        assertEquals("spec.ephemeralContainers[0].image", d.images().get(2).path());
        assertEquals(Reason.NOT_PINNED, d.images().get(2).reason());
    }

    @Test
    void anImageNoRuleCoversIsDeniedUnlessThePolicySaysOtherwise() {
        String other = AdmissionFixtures.RULES.replace("registry.example.com/team-a/**", "registry.example.com/team-b/**");
        Decision denied = decider(other).decide(request("cronjob.json"));
        assertFalse(denied.allowed());
        assertEquals(List.of(Reason.NO_MATCHING_RULE), denied.reasons());
        assertTrue(denied.message().contains("no policy rule applies to registry.example.com/team-a/report in namespace team-a"),
                denied.message());
        assertTrue(decider("unmatchedImages: allow\n" + other).decide(request("cronjob.json")).allowed());
        assertTrue(registry.calls.isEmpty());
    }

    @Test
    void warnModeAdmitsWithWarnings() {
        Decision d = decider("mode: warn\n" + AdmissionFixtures.RULES).decide(request("deployment.json"));
        assertTrue(d.allowed());
        assertEquals("warned", d.result());
        assertEquals(1, d.warnings().size());
        assertTrue(d.warnings().get(0).startsWith("hermetic admission (warn mode, would deny): spec.template.spec.containers[1].image"));
    }

    @Test
    void exemptNamespacesUnknownKindsAndDeletesAreDecidedWithoutImages() {
        AdmissionDecider decider = decider("exemptNamespaces: [team-a]\n" + AdmissionFixtures.RULES);
        assertEquals(List.of(Reason.EXEMPT_NAMESPACE), decider.decide(request("pod-tag.json")).reasons());
        Decision configMap = decider(AdmissionFixtures.RULES).decide(request("configmap.json"));
        assertFalse(configMap.allowed());
        assertEquals(List.of(Reason.UNSUPPORTED_KIND), configMap.reasons());
        Decision configMapWarn = decider("mode: warn\n" + AdmissionFixtures.RULES).decide(request("configmap.json"));
        assertFalse(configMapWarn.allowed(), "a kind the webhook does not check is denied in warn mode too");
        AdmissionRequest delete = new AdmissionRequest("u", "Pod", "team-a", "p", "DELETE",
                com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        assertEquals(List.of(Reason.OPERATION_NOT_CHECKED), decider.decide(delete).reasons());
    }

    @Test
    void aPodWithoutAnImageIsDeniedAsMalformed() throws Exception {
        String text = AdmissionFixtures.reviewText("cronjob.json").replaceFirst("\"image\": \"[^\"]+\",", "");
        Decision d = decider(AdmissionFixtures.RULES).decide(AdmissionReviewReader.read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertFalse(d.allowed());
        assertEquals(List.of(Reason.MALFORMED_OBJECT), d.reasons());
        assertTrue(d.message().contains("spec.jobTemplate.spec.template.spec.containers[0].image is missing"), d.message());
    }

    @Test
    void aRuleRequiringReproducibilityDeniesAnImageWithoutThatAttestation() {
        AdmissionDecider decider = decider(AdmissionFixtures.RULES + "    requireReproducibility: true\n");
        Decision d = decider.decide(request("pod-pinned.json"));
        assertFalse(d.allowed());
        assertEquals(Reason.NO_REPRODUCIBILITY_ATTESTATION, d.images().get(1).reason());
        assertEquals(Reason.VERIFIED, d.images().get(0).reason(), "the init container's image carries one");
    }

    @Test
    void verdictsAreCachedByDigestAndRuleUntilTheTtl() {
        AdmissionDecider decider = decider("cacheTtl: 1m\n" + AdmissionFixtures.RULES);
        decider.decide(request("pod-pinned.json"));
        assertEquals(2, registry.calls.size());
        Decision again = decider.decide(request("cronjob.json"));
        assertTrue(again.allowed());
        assertTrue(again.images().get(0).cached(), "same digest under the same rule, another repository");
        assertEquals(2, registry.calls.size());
        clock.advance(Duration.ofSeconds(61));
        assertFalse(decider.decide(request("cronjob.json")).images().get(0).cached());
        assertEquals(3, registry.calls.size());
    }

    @Test
    void registryDownDeniesNewDigestsWhileTheCacheServesKnownOnes() {
        AdmissionDecider decider = decider(AdmissionFixtures.RULES);
        assertTrue(decider.decide(request("cronjob.json")).allowed());
        registry.down.set(true);
        Decision known = decider.decide(request("cronjob.json"));
        assertTrue(known.allowed());
        Decision pod = decider.decide(request("pod-pinned.json"));
        assertFalse(pod.allowed());
        assertEquals(List.of(Reason.REGISTRY_UNAVAILABLE, Reason.VERIFIED), pod.reasons());
        assertTrue(pod.message().contains("registry unavailable: registry.example.com: connection refused"), pod.message());
        Decision again = decider.decide(request("pod-pinned.json"));
        assertFalse(again.images().get(0).cached(), "a registry error is not cached");
    }

    @Test
    void registryDownAdmitsWhenTheFailurePolicySaysAllow() {
        registry.down.set(true);
        Decision d = decider("failurePolicy: allow\n" + AdmissionFixtures.RULES).decide(request("pod-pinned.json"));
        assertTrue(d.allowed());
        assertEquals(List.of(Reason.REGISTRY_UNAVAILABLE), d.reasons());
    }

    @Test
    void aVerifierThatBreaksDenies() {
        ImageVerifier broken = (ref, policy) -> {
            throw new IllegalStateException("bug");
        };
        AdmissionDecider decider = new AdmissionDecider(
                AdmissionPolicyFile.read(AdmissionFixtures.policyFile(dir, AdmissionFixtures.RULES), clock), broken, clock);
        Decision d = decider.decide(request("cronjob.json"));
        assertFalse(d.allowed());
        assertEquals(List.of(Reason.INTERNAL_ERROR), d.reasons());
    }

    @Test
    void anUpdateIsCheckedOnlyForTheImagesItAdds() throws Exception {
        AdmissionDecider decider = decider(AdmissionFixtures.RULES);
        Decision scaled = decider.decide(update("deployment.json", r -> ((ObjectNode) r.get("object").get("spec")).put("replicas", 5)));
        assertTrue(scaled.allowed(), "scaling keeps the stored images (one of which would fail now): " + scaled.message());
        assertEquals(List.of(Reason.UNCHANGED_ON_UPDATE), scaled.reasons());
        assertTrue(registry.calls.isEmpty(), "nothing fetched for images already stored");

        Decision added = decider.decide(update("deployment.json",
                r -> ((com.fasterxml.jackson.databind.node.ArrayNode) r.at("/oldObject/spec/template/spec/containers")).remove(1)));
        assertFalse(added.allowed(), "the container the update adds is verified and fails");
        assertEquals(List.of(Reason.VERIFICATION_FAILED, Reason.UNCHANGED_ON_UPDATE), added.reasons());
        assertEquals(List.of("registry.example.com/team-a/proxy@" + BAD), registry.calls);
    }

    @Test
    void anUpdateWithoutAReadableOldObjectIsCheckedWhole() throws Exception {
        AdmissionDecider decider = decider(AdmissionFixtures.RULES);
        for (Consumer<ObjectNode> old : List.<Consumer<ObjectNode>>of(
                r -> r.put("oldObject", "not an object"),
                r -> r.remove("oldObject"),
                r -> ((ObjectNode) r.get("oldObject")).put("kind", "StatefulSet"),
                r -> ((ObjectNode) r.get("oldObject")).remove("spec"))) {
            registry.calls.clear();
            Decision d = decider(AdmissionFixtures.RULES).decide(update("deployment.json", old));
            assertFalse(d.allowed(), d.reasons().toString());
            assertEquals(List.of(Reason.VERIFICATION_FAILED, Reason.VERIFIED), d.reasons());
            assertEquals(2, registry.calls.size(), "every image verified");
        }
        Decision create = decider.decide(request("deployment.json"));
        assertFalse(create.allowed(), "a CREATE never skips");
    }

    @Test
    void aCachedPassEndsWhenItsBuildOutgrowsTheRulesMaxAge() {
        String rules = "cacheTtl: 3h\n" + AdmissionFixtures.RULES.replace("maxAge: 30d", "maxAge: 25h");
        AdmissionDecider decider = decider(rules);
        assertTrue(decider.decide(request("cronjob.json")).allowed());
        clock.advance(Duration.ofMinutes(50));
        assertTrue(decider.decide(request("cronjob.json")).images().get(0).cached());
        clock.advance(Duration.ofMinutes(40));
        Decision later = decider.decide(request("cronjob.json"));
        assertFalse(later.images().get(0).cached(), "built 1 day ago, max age 25h: the pass ends in 1 h, before the 3 h TTL");
        assertEquals(2, registry.calls.size());
    }

    @Test
    void aPassWithoutABuildTimeIsNotCachedUnderAMaxAgeRule() {
        registry.with(GOOD, ImageVerdict.pass(Set.of(StatementTypes.SLSA_PROVENANCE_V1)));
        AdmissionDecider decider = decider(AdmissionFixtures.RULES);
        decider.decide(request("cronjob.json"));
        assertFalse(decider.decide(request("cronjob.json")).images().get(0).cached());
        assertEquals(2, registry.calls.size());
        AdmissionDecider noAge = decider(AdmissionFixtures.RULES.replace("    maxAge: 30d\n", ""));
        noAge.decide(request("cronjob.json"));
        assertTrue(noAge.decide(request("cronjob.json")).images().get(0).cached(), "without a max age the TTL alone decides");
    }

    @Test
    void anImageAdmittedUnverifiedByAFallbackCarriesAWarning() {
        String other = AdmissionFixtures.RULES.replace("registry.example.com/team-a/**", "registry.example.com/team-b/**");
        Decision unmatched = decider("unmatchedImages: allow\n" + other).decide(request("cronjob.json"));
        assertTrue(unmatched.allowed());
        assertEquals("allowed", unmatched.result());
        assertEquals(1, unmatched.warnings().size());
        assertTrue(unmatched.warnings().get(0).startsWith("hermetic admission: admitted unverified: spec.jobTemplate.spec.template"
                + ".spec.containers[0].image registry.example.com/team-a/report@" + GOOD + ": no-matching-rule"), unmatched.warnings().get(0));
        registry.down.set(true);
        Decision down = decider("failurePolicy: allow\n" + AdmissionFixtures.RULES).decide(request("pod-pinned.json"));
        assertEquals(2, down.warnings().size());
        assertTrue(down.warnings().stream().allMatch(w -> w.contains(": registry-unavailable: registry unavailable")), down.warnings().toString());
        registry.down.set(false);
        assertTrue(decider(AdmissionFixtures.RULES).decide(request("cronjob.json")).warnings().isEmpty(), "a verified image warns of nothing");
    }

    @Test
    void anObjectWithMoreImagesThanTheWebhookChecksIsDeniedWithoutARegistryCall() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode review = (ObjectNode) json.readTree(AdmissionFixtures.review("pod-pinned.json"));
        com.fasterxml.jackson.databind.node.ArrayNode containers = (com.fasterxml.jackson.databind.node.ArrayNode) review.at("/request/object/spec/containers");
        for (int i = 0; i < PodImages.MAX_IMAGES; i++) {
            containers.addObject().put("name", "c" + i).put("image", "registry.example.com/team-a/app" + i + "@sha256:" + "1".repeat(64));
        }
        Decision d = decider(AdmissionFixtures.RULES).decide(AdmissionReviewReader.read(json.writeValueAsBytes(review)));
        assertFalse(d.allowed());
        assertEquals(List.of(Reason.MALFORMED_OBJECT), d.reasons());
        assertTrue(d.message().contains("more than " + PodImages.MAX_IMAGES + " container images"), d.message());
        assertTrue(registry.calls.isEmpty());
    }
}
