// Compile-only signature mirroring org.csanchez.jenkins.plugins:kubernetes 4423.vb_59f230b_ce53, the version BOM 5983.v443959746f1f pins for 2.504.x (checked against jenkinsci/kubernetes-plugin src/main/java/org/csanchez/jenkins/plugins/kubernetes/pod/decorator/PodDecorator.java @ b59f230b, tag 4423.vb_59f230b_ce53).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Omitted: the static decorateAll (PodDecoratorException), which only the Kubernetes plugin calls.
package org.csanchez.jenkins.plugins.kubernetes.pod.decorator;

import hudson.ExtensionPoint;
import io.fabric8.kubernetes.api.model.Pod;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesCloud;

public interface PodDecorator extends ExtensionPoint {
    Pod decorate(KubernetesCloud kubernetesCloud, Pod pod);
}
