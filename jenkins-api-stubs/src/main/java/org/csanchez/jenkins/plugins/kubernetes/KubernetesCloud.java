// Compile-only signature mirroring org.csanchez.jenkins.plugins:kubernetes (4358.vcfd9c5a_0a_f51, as BOM 5015 pins it; checked against jenkinsci/kubernetes-plugin src/main/java/org/csanchez/jenkins/plugins/kubernetes/KubernetesCloud.java @ cfd9c5a0, tag 4358.vcfd9c5a_0a_f51).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Simplified: the real class extends hudson.slaves.Cloud and implements PodTemplateGroup; the plugin only receives it.
package org.csanchez.jenkins.plugins.kubernetes;

public class KubernetesCloud {
    public KubernetesCloud(String name) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getNamespace() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
