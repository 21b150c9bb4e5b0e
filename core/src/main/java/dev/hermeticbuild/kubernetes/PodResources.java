package dev.hermeticbuild.kubernetes;

/**
 * Resource requests and limits of the two containers and size limits of the emptyDir volumes,
 * as Kubernetes quantities ({@code 500m}, {@code 4Gi}).
 */
public record PodResources(String buildCpuRequest, String buildMemoryRequest, String buildCpuLimit, String buildMemoryLimit,
                           String agentCpuRequest, String agentMemoryRequest, String agentCpuLimit, String agentMemoryLimit,
                           String workspaceSize, String tmpSize) {

    /**
     * These resources with the build container's CPU and memory as {@code REQUEST:LIMIT} (null
     * keeps the current value) and the workspace size limit (null keeps it); each is validated.
     */
    public PodResources withBuild(String cpu, String memory, String workspace) {
        PodResources r = this;
        if (cpu != null) {
            ResourceQuantity[] c = ResourceQuantity.requestAndLimit(cpu, "--cpu");
            r = new PodResources(c[0].text(), r.buildMemoryRequest, c[1].text(), r.buildMemoryLimit, r.agentCpuRequest,
                    r.agentMemoryRequest, r.agentCpuLimit, r.agentMemoryLimit, r.workspaceSize, r.tmpSize);
        }
        if (memory != null) {
            ResourceQuantity[] m = ResourceQuantity.requestAndLimit(memory, "--memory");
            r = new PodResources(r.buildCpuRequest, m[0].text(), r.buildCpuLimit, m[1].text(), r.agentCpuRequest,
                    r.agentMemoryRequest, r.agentCpuLimit, r.agentMemoryLimit, r.workspaceSize, r.tmpSize);
        }
        if (workspace != null) {
            r = new PodResources(r.buildCpuRequest, r.buildMemoryRequest, r.buildCpuLimit, r.buildMemoryLimit, r.agentCpuRequest,
                    r.agentMemoryRequest, r.agentCpuLimit, r.agentMemoryLimit,
                    ResourceQuantity.parse(workspace, "--workspace-size").text(), r.tmpSize);
        }
        return r;
    }

    /** Defaults sized for a typical JVM or Node build: 1-4 CPUs, 2-4 GiB, a 10 GiB workspace. */
    public static PodResources defaults() {
        return new PodResources("1", "2Gi", "4", "4Gi", "100m", "256Mi", "500m", "512Mi", "10Gi", "2Gi");
    }
}
