// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (checked against jenkinsci/jenkins core/src/main/java/hudson/model/TopLevelItem.java @ be8bec65, tag jenkins-2.504.3).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Simplified: the real interface also extends ExtensionPoint and Describable<TopLevelItem>; no members are used.
package hudson.model;

public interface TopLevelItem extends Item {
}
