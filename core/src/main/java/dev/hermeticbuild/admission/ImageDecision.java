package dev.hermeticbuild.admission;

import java.util.List;
import java.util.Optional;

/**
 * The decision on one container image.
 *
 * @param image    the reference as written in the object
 * @param path     JSON path of the image field
 * @param allowed  whether this image passes
 * @param reason   why
 * @param rule     the policy rule that applied, if any
 * @param details  what a person needs to act on it (verification failures, how to pin); empty when verified
 * @param cached   whether the verification result came from the cache
 */
public record ImageDecision(String image, String path, boolean allowed, Reason reason, Optional<String> rule,
                            List<String> details, boolean cached) {

    public ImageDecision {
        details = List.copyOf(details);
    }

    /** One line for a person: the image, where it is, and why it passed or not. */
    public String explained() {
        return path + " " + image + ": " + reason.id() + (details.isEmpty() ? "" : ": " + String.join("; ", details));
    }
}
