package dev.hermeticbuild.admission;

import java.util.List;

/**
 * What the mutating webhook did to one request: the images it pinned to the digest their tag named
 * (as a JSON patch of the object) and, for each tag it could not pin, a warning. It never denies:
 * an image left unpinned is denied by the validating webhook that runs after it.
 *
 * @param uid      the request's uid, echoed
 * @param pinned   the images pinned, in document order
 * @param warnings the tags that could not be pinned, and why
 */
public record TagPinning(String uid, List<Pinned> pinned, List<String> warnings) {

    public TagPinning {
        pinned = List.copyOf(pinned);
        warnings = List.copyOf(warnings);
    }

    /**
     * One image pinned.
     *
     * @param path    JSON path of the image field, e.g. {@code spec.containers[0].image}
     * @param pointer the same as a JSON pointer, e.g. {@code /spec/containers/0/image}
     * @param from    the reference as written
     * @param to      the reference pinned: {@code NAME:TAG@sha256:HEX} (the tag kept for people; the digest is what runs)
     * @param rule    the rule that asked for it
     */
    public record Pinned(String path, String pointer, String from, String to, String rule) {
    }

    /** Nothing to pin. */
    public static TagPinning none(String uid) {
        return new TagPinning(uid, List.of(), List.of());
    }
}
