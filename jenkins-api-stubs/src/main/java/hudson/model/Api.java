// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (checked against jenkinsci/jenkins core/src/main/java/hudson/model/Api.java @ be8bec65, tag jenkins-2.504.3).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Omitted: the AbstractModelObject superclass and the web methods (doJson, doXml...), which Stapler calls.
package hudson.model;

public class Api {
    public Api(Object bean) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
