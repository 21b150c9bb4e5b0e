package dev.hermeticbuild.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.kubernetes.ImageReference;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mutating webhook's choices, with tags looked up in a table (the registry lookup is tested in the CLI's end-to-end test). */
class TagPinnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOW = "sha256:" + "1".repeat(64);
    private static final String PINNING = AdmissionFixtures.RULES + "    resolveTags: true\n";

    @TempDir
    Path dir;

    private final List<String> lookups = new ArrayList<>();
    private final Map<String, String> tags = Map.of("registry.example.com/team-a/app:1.4.2", NOW,
            "registry.example.com/team-a/app:latest", NOW, "registry.example.com/team-a/odd:1", "md5:abc");

    private final TagResolver table = ref -> {
        String key = ref.name() + ":" + ref.tag().orElse("latest");
        lookups.add(key);
        String digest = tags.get(key);
        if (digest == null) {
            throw new RegistryUnavailableException("registry.example.com has no tag " + ref.tag().orElse("latest"));
        }
        return digest;
    };

    private TagPinner pinner(String yaml) {
        return new TagPinner(AdmissionPolicyFile.read(AdmissionFixtures.policyFile(dir, yaml), Clock.systemUTC()), table);
    }

    private static AdmissionRequest request(String name) {
        return AdmissionReviewReader.read(AdmissionFixtures.review(name));
    }

    private static AdmissionRequest withImage(String name, String image, String operation) throws Exception {
        ObjectNode review = (ObjectNode) JSON.readTree(AdmissionFixtures.review(name));
        ObjectNode request = (ObjectNode) review.get("request");
        ((ObjectNode) request.at("/object/spec/containers/0")).put("image", image);
        request.put("operation", operation);
        return AdmissionReviewReader.read(JSON.writeValueAsBytes(review));
    }

    @Test
    void aTagUnderARuleThatResolvesTagsIsPinnedToWhatItNamesNow() throws Exception {
        AdmissionRequest request = request("pod-tag.json");
        TagPinning p = pinner(PINNING).pin(request);
        assertEquals(1, p.pinned().size(), p.toString());
        TagPinning.Pinned pinned = p.pinned().get(0);
        assertEquals("registry.example.com/team-a/app:1.4.2", pinned.from());
        assertEquals("registry.example.com/team-a/app:1.4.2@" + NOW, pinned.to());
        assertEquals("team-a", pinned.rule());
        assertEquals(request.object().at(pinned.pointer()).asText(), pinned.from(), "the pointer names the image field it rewrites");
        assertTrue(ImageReference.parse(pinned.to(), "to").pinned());
        assertEquals(List.of("registry.example.com/team-a/app:1.4.2"), lookups, "a pinned image is never looked up");

        JsonNode answer = JSON.readTree(AdmissionReviewWriter.write(p)).path("response");
        assertTrue(answer.path("allowed").asBoolean());
        assertEquals("JSONPatch", answer.path("patchType").asText());
        JsonNode patch = JSON.readTree(Base64.getDecoder().decode(answer.path("patch").asText()));
        assertEquals("[{\"op\":\"replace\",\"path\":\"" + pinned.pointer() + "\",\"value\":\"" + pinned.to() + "\"}]", patch.toString());
    }

    @Test
    void aNameWithoutATagIsPinnedAsLatest() throws Exception {
        TagPinning p = pinner(PINNING).pin(withImage("pod-tag.json", "registry.example.com/team-a/app", "CREATE"));
        assertEquals("registry.example.com/team-a/app:latest@" + NOW, p.pinned().get(0).to());
    }

    @Test
    void nothingIsPinnedWithoutARuleAskingForItInACheckedNamespace() {
        assertTrue(pinner(AdmissionFixtures.RULES).pin(request("pod-tag.json")).pinned().isEmpty(), "resolveTags defaults to false");
        assertTrue(pinner("exemptNamespaces: [team-a]\n" + PINNING).pin(request("pod-tag.json")).pinned().isEmpty());
        TagPinning ephemeral = pinner(PINNING).pin(request("pod-ephemeral.json"));
        assertTrue(ephemeral.pinned().isEmpty() && ephemeral.warnings().isEmpty(), "busybox:1.36 falls under no rule: left to be denied");
        assertTrue(lookups.isEmpty());
    }

    @Test
    void aTagThatCannotBeLookedUpIsLeftAsWrittenWithAWarning() throws Exception {
        TagPinning missing = pinner(PINNING).pin(withImage("pod-tag.json", "registry.example.com/team-a/app:gone", "CREATE"));
        assertTrue(missing.pinned().isEmpty());
        assertEquals(1, missing.warnings().size());
        assertTrue(missing.warnings().get(0).contains("has no tag gone; left as written, so it is denied as not pinned"),
                missing.warnings().get(0));
        TagPinning odd = pinner(PINNING).pin(withImage("pod-tag.json", "registry.example.com/team-a/odd:1", "CREATE"));
        assertTrue(odd.pinned().isEmpty(), "an answer that is not a sha256 digest is never written into the object");
        assertTrue(odd.warnings().get(0).contains("is not a sha256 digest"), odd.warnings().get(0));
    }

    @Test
    void anUpdatePinsOnlyTheTagsItAdds() throws Exception {
        ObjectNode review = (ObjectNode) JSON.readTree(AdmissionFixtures.review("pod-tag.json"));
        ObjectNode request = (ObjectNode) review.get("request");
        request.put("operation", "UPDATE");
        request.set("oldObject", request.get("object").deepCopy());
        TagPinning same = pinner(PINNING).pin(AdmissionReviewReader.read(JSON.writeValueAsBytes(review)));
        assertTrue(same.pinned().isEmpty(), "rewriting a stored tag would roll out a workload nobody changed");
        ((ObjectNode) request.at("/oldObject/spec/containers/0")).put("image", "registry.example.com/team-a/app:1.4.1");
        TagPinning changed = pinner(PINNING).pin(AdmissionReviewReader.read(JSON.writeValueAsBytes(review)));
        assertEquals(1, changed.pinned().size());
    }

    @Test
    void theJsonPointerOfAnImagePathIndexesLists() {
        assertEquals("/spec/jobTemplate/spec/template/spec/initContainers/12/image",
                new ContainerImage("spec.jobTemplate.spec.template.spec.initContainers[12].image", "x").pointer());
        assertEquals("/spec/containers/0/image", new ContainerImage("spec.containers[0].image", "x").pointer());
    }
}
