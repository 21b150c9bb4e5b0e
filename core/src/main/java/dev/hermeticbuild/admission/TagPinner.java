package dev.hermeticbuild.admission;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.kubernetes.ImageReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The mutating half of the webhook: in a checked namespace, an image referenced by tag whose rule
 * says {@code resolveTags} is rewritten to the digest the tag names now, so what the validating
 * webhook verifies is what the kubelet pulls. Images an UPDATE does not add are left as they are
 * (rewriting them would roll out a workload nobody changed); everything else is left to the
 * validating webhook to deny.
 */
public final class TagPinner {

    private final AdmissionPolicy policy;
    private final TagResolver resolver;

    public TagPinner(AdmissionPolicy policy, TagResolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /** The images of {@code request} to pin. */
    public TagPinning pin(AdmissionRequest request) {
        if (!request.startsContainers() || !PodImages.KINDS.contains(request.kind())
                || policy.exemptNamespaces().contains(request.namespace()) || !policy.resolvesTags()) {
            return TagPinning.none(request.uid());
        }
        List<ContainerImage> images;
        try {
            images = PodImages.of(request.kind(), request.object());
        } catch (InputException e) {
            return TagPinning.none(request.uid());
        }
        Set<String> stored = PodImages.stored(request);
        List<TagPinning.Pinned> pinned = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (ContainerImage image : images) {
            if (stored.contains(image.image())) {
                continue;
            }
            ImageReference ref;
            try {
                ref = ImageReference.parse(image.image(), image.path());
            } catch (InputException e) {
                continue;
            }
            Optional<PolicyRule> rule = policy.ruleFor(request.namespace(), ref);
            if (ref.pinned() || rule.isEmpty() || !rule.get().resolveTags()) {
                continue;
            }
            String tag = ref.tag().orElse("latest");
            try {
                String digest = resolver.digest(ref);
                if (!digest.matches("sha256:[0-9a-f]{64}")) {
                    throw new RegistryUnavailableException("the registry's answer for tag " + tag + " is not a sha256 digest");
                }
                pinned.add(new TagPinning.Pinned(image.path(), image.pointer(), image.image(),
                        ref.name() + ":" + tag + "@" + digest, rule.get().name()));
            } catch (RegistryUnavailableException e) {
                warnings.add("hermetic admission: cannot pin " + image.path() + " " + image.image() + " (rule " + rule.get().name()
                        + "): " + e.getMessage() + "; left as written, so it is denied as not pinned");
            } catch (RuntimeException e) {
                warnings.add("hermetic admission: cannot pin " + image.path() + " " + image.image() + " (rule " + rule.get().name()
                        + "): failed unexpectedly (" + e.getClass().getSimpleName() + "); left as written, so it is denied as not pinned");
            }
        }
        return new TagPinning(request.uid(), pinned, warnings);
    }
}
