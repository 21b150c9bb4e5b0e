package dev.hermeticbuild.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.kubernetes.Manifest;
import dev.hermeticbuild.kubernetes.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The images of every container, init container and ephemeral container of a Pod or of the pod
 * template of a Deployment, StatefulSet, DaemonSet, Job, CronJob or ReplicaSet. Other kinds, and a
 * container without an image, are errors: nothing is admitted unchecked.
 */
public final class PodImages {

    /** The kinds the webhook checks. */
    public static final Set<String> KINDS = Set.of("Pod", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet");

    /**
     * Most images read from one object: each may cost the webhook a registry round trip, so an
     * object naming more is refused whole rather than tying up a worker (no real Pod comes close).
     */
    public static final int MAX_IMAGES = 64;

    private static final String[] LISTS = {"initContainers", "containers", "ephemeralContainers"};

    private PodImages() {
    }

    /**
     * The images of an UPDATE's stored object ({@code oldObject}), which the UPDATE does not add; none
     * when it is not an UPDATE or the stored object cannot be read, so that every image is then checked.
     */
    public static Set<String> stored(AdmissionRequest request) {
        if (!request.operation().equals("UPDATE") || !request.oldObject().isObject()) {
            return Set.of();
        }
        try {
            return of(request.kind(), request.oldObject()).stream().map(ContainerImage::image).collect(Collectors.toSet());
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    /** Every image of {@code object}, a {@code kind}, in document order. */
    public static List<ContainerImage> of(String kind, JsonNode object) {
        if (!KINDS.contains(kind)) {
            throw new InputException("kind " + kind + " is not one the webhook checks (" + String.join(", ", KINDS.stream().sorted().toList()) + ")");
        }
        Workload workload = Workload.of(new Manifest("request.object", kind, object)).orElseThrow();
        List<ContainerImage> images = new ArrayList<>();
        for (String list : LISTS) {
            JsonNode containers = workload.podSpec().path(list);
            if (!containers.isMissingNode() && !containers.isNull() && !containers.isArray()) {
                throw new InputException("request.object." + workload.specPath() + "." + list + " is not a list");
            }
            for (int i = 0; i < containers.size(); i++) {
                String path = workload.specPath() + "." + list + "[" + i + "].image";
                JsonNode image = containers.get(i).path("image");
                if (!image.isTextual() || image.asText().isBlank()) {
                    throw new InputException("request.object." + path + " is missing: every container must name its image");
                }
                if (images.size() == MAX_IMAGES) {
                    throw new InputException("request.object." + workload.specPath() + " has more than " + MAX_IMAGES
                            + " container images, more than the webhook checks in one object; split the workload");
                }
                images.add(new ContainerImage(path, image.asText()));
            }
        }
        if (images.isEmpty()) {
            throw new InputException("request.object." + workload.specPath() + " has no containers");
        }
        return images;
    }
}
