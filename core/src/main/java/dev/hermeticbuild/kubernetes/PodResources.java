package dev.hermeticbuild.kubernetes;

/**
 * Resource requests and limits of the two containers and size limits of the emptyDir volumes,
 * as Kubernetes quantities ({@code 500m}, {@code 4Gi}).
 */
public record PodResources(String buildCpuRequest, String buildMemoryRequest, String buildCpuLimit, String buildMemoryLimit,
                           String agentCpuRequest, String agentMemoryRequest, String agentCpuLimit, String agentMemoryLimit,
                           String workspaceSize, String tmpSize) {

    /** Defaults sized for a typical JVM or Node build: 1-4 CPUs, 2-4 GiB, a 10 GiB workspace. */
    public static PodResources defaults() {
        return new PodResources("1", "2Gi", "4", "4Gi", "100m", "256Mi", "500m", "512Mi", "10Gi", "2Gi");
    }
}
