package dev.hermeticbuild.kubernetes;

/**
 * One weakness pod-lint found.
 *
 * @param resource the object it is in, e.g. {@code Pod/docker-builder} or {@code NetworkPolicy/allow-all}
 * @param path JSON path of the offending field inside that object, e.g. {@code spec.containers[1].securityContext.privileged}
 * @param rule a stable rule id, e.g. {@code privileged}, {@code host-path}, {@code unpinned-image}
 * @param message what is wrong and why it matters
 */
public record Finding(String resource, String path, String rule, String message) {

    @Override
    public String toString() {
        return resource + " " + path + ": " + message + " [" + rule + "]";
    }
}
