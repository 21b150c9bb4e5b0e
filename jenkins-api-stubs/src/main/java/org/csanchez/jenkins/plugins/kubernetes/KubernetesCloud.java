// Compile-only signature mirroring org.csanchez.jenkins.plugins:kubernetes 4423.vb_59f230b_ce53, the version BOM 5983.v443959746f1f pins for 2.504.x (checked against jenkinsci/kubernetes-plugin src/main/java/org/csanchez/jenkins/plugins/kubernetes/KubernetesCloud.java @ b59f230b, tag 4423.vb_59f230b_ce53).
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
