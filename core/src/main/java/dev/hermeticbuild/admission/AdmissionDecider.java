package dev.hermeticbuild.admission;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.kubernetes.ImageReference;
import dev.hermeticbuild.provenance.StatementTypes;
import dev.hermeticbuild.verify.VerificationFailure;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides one admission request against an {@link AdmissionPolicy}: every image must be pinned by
 * digest, fall under a rule (unless the policy admits unmatched images) and verify under it through
 * the {@link ImageVerifier}. Verdicts are cached by (digest, rule); when the registry cannot be
 * reached the policy's failure policy decides, while cached digests are still answered. An UPDATE
 * checks only the images it adds: one already in the stored object ({@code oldObject}) is admitted
 * unverified, since it changes nothing that runs and every Pod it leads to is checked when created.
 * Structural problems (an unreadable object, a kind the webhook does not check) deny in either mode.
 */
public final class AdmissionDecider {

    private final AdmissionPolicy policy;
    private final ImageVerifier verifier;
    private final VerificationCache cache;

    public AdmissionDecider(AdmissionPolicy policy, ImageVerifier verifier, Clock clock) {
        this.policy = policy;
        this.verifier = verifier;
        this.cache = new VerificationCache(policy.cacheTtl(), clock);
    }

    /** The decision on {@code request}. */
    public Decision decide(AdmissionRequest request) {
        if (!request.startsContainers()) {
            return Decision.admitted(request.uid(), Reason.OPERATION_NOT_CHECKED);
        }
        if (!PodImages.KINDS.contains(request.kind())) {
            return Decision.refused(request.uid(), Reason.UNSUPPORTED_KIND, "hermetic admission denied: kind " + request.kind()
                    + " is not one this webhook checks (" + String.join(", ", PodImages.KINDS.stream().sorted().toList())
                    + "); fix the webhook's rules so it is not sent here");
        }
        if (policy.exemptNamespaces().contains(request.namespace())) {
            return Decision.admitted(request.uid(), Reason.EXEMPT_NAMESPACE);
        }
        List<ContainerImage> images;
        try {
            images = PodImages.of(request.kind(), request.object());
        } catch (InputException e) {
            return Decision.refused(request.uid(), Reason.MALFORMED_OBJECT, "hermetic admission denied: " + e.getMessage());
        }
        Set<String> unchanged = PodImages.stored(request);
        List<ImageDecision> decisions = new ArrayList<>();
        for (ContainerImage image : images) {
            decisions.add(unchanged.contains(image.image())
                    ? new ImageDecision(image.image(), image.path(), true, Reason.UNCHANGED_ON_UPDATE, Optional.empty(),
                            List.of("already in the stored object; not verified again"), false)
                    : decide(request.namespace(), image));
        }
        return Decision.over(request.uid(), policy.mode(), decisions);
    }

    private ImageDecision decide(String namespace, ContainerImage image) {
        ImageReference ref;
        try {
            ref = ImageReference.parse(image.image(), image.path());
        } catch (InputException e) {
            return denied(image, Reason.MALFORMED_IMAGE, Optional.empty(), List.of(e.getMessage()), false);
        }
        if (!ref.pinned()) {
            return denied(image, Reason.NOT_PINNED, Optional.empty(), List.of("not pinned by digest; deploy it as "
                    + ref.name() + "@sha256:<digest> (get the digest with `crane digest " + ref.text()
                    + "` or from `hermetic image --json`); a tag can point to other content tomorrow"), false);
        }
        Optional<PolicyRule> found = policy.ruleFor(namespace, ref);
        if (found.isEmpty()) {
            String why = "no policy rule applies to " + ImagePattern.canonicalName(ref.name()) + " in namespace "
                    + (namespace.isEmpty() ? "(none)" : namespace);
            return policy.unmatchedImages() == Fallback.ALLOW
                    ? new ImageDecision(image.image(), image.path(), true, Reason.NO_MATCHING_RULE, Optional.empty(),
                            List.of(why + " (unmatchedImages: allow)"), false)
                    : denied(image, Reason.NO_MATCHING_RULE, Optional.empty(), List.of(why), false);
        }
        PolicyRule rule = found.get();
        String digest = ref.digest().orElseThrow();
        Optional<ImageVerdict> cached = cache.get(digest, rule.name());
        ImageVerdict verdict;
        if (cached.isPresent()) {
            verdict = cached.get();
        } else {
            try {
                verdict = verify(ref, rule);
            } catch (RegistryUnavailableException e) {
                String why = "registry unavailable: " + e.getMessage();
                return policy.registryFailure() == Fallback.ALLOW
                        ? new ImageDecision(image.image(), image.path(), true, Reason.REGISTRY_UNAVAILABLE, Optional.of(rule.name()),
                                List.of(why + " (failurePolicy: allow)"), false)
                        : denied(image, Reason.REGISTRY_UNAVAILABLE, Optional.of(rule.name()), List.of(why), false);
            } catch (RuntimeException e) {
                return denied(image, Reason.INTERNAL_ERROR, Optional.of(rule.name()),
                        List.of("verification failed unexpectedly (" + e.getClass().getSimpleName() + "); denied"), false);
            }
            ImageVerdict verified = verdict;
            cache.put(digest, rule.name(), verdict, verdict.passed()
                    ? rule.maxAge().map(age -> verified.builtAt().map(b -> b.plus(age)).orElse(Instant.MIN))
                    : Optional.empty());
        }
        boolean fromCache = cached.isPresent();
        if (!verdict.passed()) {
            return denied(image, Reason.VERIFICATION_FAILED, Optional.of(rule.name()),
                    verdict.failures().stream().map(f -> f.code().id() + ": " + f.explained()).toList(), fromCache);
        }
        if (rule.requireReproducibility() && !verdict.verifiedPredicateTypes().contains(StatementTypes.REPRODUCIBILITY_V1)) {
            return denied(image, Reason.NO_REPRODUCIBILITY_ATTESTATION, Optional.of(rule.name()),
                    List.of("rule " + rule.name() + " requires a verified reproducibility attestation ("
                            + StatementTypes.REPRODUCIBILITY_V1 + "); run `hermetic check-reproducible` and attach it"), fromCache);
        }
        return new ImageDecision(image.image(), image.path(), true, Reason.VERIFIED, Optional.of(rule.name()), List.of(), fromCache);
    }

    /** Passes when one of the rule's policies passes; a registry error is thrown only when none passed. */
    private ImageVerdict verify(ImageReference ref, PolicyRule rule) {
        List<VerificationFailure> failures = new ArrayList<>();
        RegistryUnavailableException unavailable = null;
        for (VerifyPolicy p : rule.policies()) {
            try {
                ImageVerdict v = verifier.verify(ref, p);
                if (v.passed()) {
                    return v;
                }
                v.failures().stream().filter(f -> !failures.contains(f)).forEach(failures::add);
            } catch (RegistryUnavailableException e) {
                unavailable = e;
            }
        }
        if (unavailable != null) {
            throw unavailable;
        }
        return ImageVerdict.fail(failures);
    }

    private static ImageDecision denied(ContainerImage image, Reason reason, Optional<String> rule, List<String> details, boolean cached) {
        return new ImageDecision(image.image(), image.path(), false, reason, rule, details, cached);
    }
}
