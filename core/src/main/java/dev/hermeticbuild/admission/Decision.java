package dev.hermeticbuild.admission;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The webhook's answer to one request: admitted or not, why, and the decision on each image. In
 * {@code warn} mode a request that enforce mode would deny is admitted with {@link #warnings()};
 * an image admitted unverified because the policy allows it (no rule applies, registry down) is
 * a warning too, so whoever deploys it sees that nothing vouched for it.
 *
 * @param uid      the request's uid (empty when the review was unreadable)
 * @param allowed  whether the request is admitted
 * @param result   {@code allowed}, {@code denied} or {@code warned}: the metrics and audit label
 * @param reasons  the distinct reasons, denials first
 * @param message  for a denial, what is wrong and how to fix it; else empty
 * @param warnings the denials that were not enforced ({@code warned}) and the images admitted unverified
 * @param images   the decision on each image, in document order
 */
public record Decision(String uid, boolean allowed, String result, List<Reason> reasons, String message, List<String> warnings,
                       List<ImageDecision> images) {

    public Decision {
        reasons = List.copyOf(reasons);
        warnings = List.copyOf(warnings);
        images = List.copyOf(images);
    }

    /** Reasons an image is admitted although nothing verified it: only because the policy's fallback allows it. */
    private static final Set<Reason> UNVERIFIED = Set.of(Reason.NO_MATCHING_RULE, Reason.REGISTRY_UNAVAILABLE);

    /** A denial of the whole request, before any image was looked at. */
    public static Decision refused(String uid, Reason reason, String message) {
        return new Decision(uid, false, "denied", List.of(reason), message, List.of(), List.of());
    }

    /** An admission of the whole request without checking images. */
    public static Decision admitted(String uid, Reason reason) {
        return new Decision(uid, true, "allowed", List.of(reason), "", List.of(), List.of());
    }

    /** The decision over {@code images}: denied when one is denied, unless {@code mode} only warns. */
    static Decision over(String uid, Mode mode, List<ImageDecision> images) {
        Set<Reason> reasons = new LinkedHashSet<>();
        List<String> refusals = images.stream().filter(i -> !i.allowed()).map(ImageDecision::explained).toList();
        images.stream().filter(i -> !i.allowed()).forEach(i -> reasons.add(i.reason()));
        images.stream().filter(ImageDecision::allowed).forEach(i -> reasons.add(i.reason()));
        List<String> unverified = images.stream().filter(i -> i.allowed() && UNVERIFIED.contains(i.reason()))
                .map(i -> "hermetic admission: admitted unverified: " + i.explained()).toList();
        if (refusals.isEmpty()) {
            return new Decision(uid, true, "allowed", List.copyOf(reasons), "", unverified, images);
        }
        if (mode == Mode.WARN) {
            List<String> warnings = new java.util.ArrayList<>(
                    refusals.stream().map(r -> "hermetic admission (warn mode, would deny): " + r).toList());
            warnings.addAll(unverified);
            return new Decision(uid, true, "warned", List.copyOf(reasons), "", warnings, images);
        }
        return new Decision(uid, false, "denied", List.copyOf(reasons),
                "hermetic admission denied " + refusals.size() + " of " + images.size() + " image(s): " + String.join(" | ", refusals),
                List.of(), images);
    }
}
