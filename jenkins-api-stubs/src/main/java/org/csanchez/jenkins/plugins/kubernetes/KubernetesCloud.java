// Compile-only signature mirroring org.csanchez.jenkins.plugins:kubernetes (bom-2.504.x; checked against jenkinsci/kubernetes-plugin src/main/java/org/csanchez/jenkins/plugins/kubernetes/KubernetesCloud.java @ a82d78a0).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Simplified: the real class extends hudson.slaves.Cloud and implements PodTemplateGroup; the plugin only receives it.
package org.csanchez.jenkins.plugins.kubernetes;

public class KubernetesCloud {
    protected KubernetesCloud() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getNamespace() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
