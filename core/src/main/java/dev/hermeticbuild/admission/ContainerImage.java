package dev.hermeticbuild.admission;

/**
 * One container image of an admitted object.
 *
 * @param path  JSON path of the image field inside the object, e.g. {@code spec.template.spec.initContainers[0].image}
 * @param image the reference as written there
 */
public record ContainerImage(String path, String image) {
}
