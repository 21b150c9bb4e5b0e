package dev.hermeticbuild.admission;

/**
 * One container image of an admitted object.
 *
 * @param path  JSON path of the image field inside the object, e.g. {@code spec.template.spec.initContainers[0].image}
 * @param image the reference as written there
 */
public record ContainerImage(String path, String image) {

    /** {@link #path()} as a JSON pointer (RFC 6901), e.g. {@code /spec/template/spec/initContainers/0/image}, for a patch. */
    public String pointer() {
        return "/" + path.replaceAll("\\[(\\d+)]", ".$1").replace("~", "~0").replace("/", "~1").replace('.', '/');
    }
}
