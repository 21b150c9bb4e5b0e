// Compile-only signature mirroring org.csanchez.jenkins.plugins:kubernetes (bom-2.504.x; checked against jenkinsci/kubernetes-plugin src/main/java/org/csanchez/jenkins/plugins/kubernetes/pod/decorator/PodDecorator.java @ a82d78a0).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Omitted: the static decorateAll (PodDecoratorException), which only the Kubernetes plugin calls.
package org.csanchez.jenkins.plugins.kubernetes.pod.decorator;

import hudson.ExtensionPoint;
import io.fabric8.kubernetes.api.model.Pod;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesCloud;

public interface PodDecorator extends ExtensionPoint {
    Pod decorate(KubernetesCloud kubernetesCloud, Pod pod);
}
