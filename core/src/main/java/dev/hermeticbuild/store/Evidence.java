package dev.hermeticbuild.store;

/**
 * One document a build produced (a provenance statement or bundle, an SBOM), as read by the
 * caller, with the name that errors give it.
 *
 * @param name  the file or description errors name it by
 * @param bytes its content
 */
public record Evidence(String name, byte[] bytes) {
}
