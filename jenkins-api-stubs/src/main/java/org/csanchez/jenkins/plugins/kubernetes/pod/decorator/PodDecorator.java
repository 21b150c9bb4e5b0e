// Compile-only signature mirroring org.csanchez.jenkins.plugins:kubernetes (4358.vcfd9c5a_0a_f51, as BOM 5015 pins it; checked against jenkinsci/kubernetes-plugin src/main/java/org/csanchez/jenkins/plugins/kubernetes/pod/decorator/PodDecorator.java @ cfd9c5a0, tag 4358.vcfd9c5a_0a_f51).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Omitted: the static decorateAll (PodDecoratorException), which only the Kubernetes plugin calls.
package org.csanchez.jenkins.plugins.kubernetes.pod.decorator;

import hudson.ExtensionPoint;
import io.fabric8.kubernetes.api.model.Pod;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesCloud;

public interface PodDecorator extends ExtensionPoint {
    Pod decorate(KubernetesCloud kubernetesCloud, Pod pod);
}
