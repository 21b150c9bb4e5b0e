// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (checked against jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java @ be8bec65, tag jenkins-2.504.3).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Simplified: only get() and ADMINISTER; the real class extends AbstractCIBase and implements many more interfaces
// (ItemGroup<TopLevelItem> through DirectlyModifiableTopLevelItemGroup).
package jenkins.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.ItemGroup;
import hudson.model.TopLevelItem;
import hudson.security.AccessControlled;
import hudson.security.Permission;

public class Jenkins implements AccessControlled, ItemGroup<TopLevelItem> {
    public static final Permission ADMINISTER = null;

    /** The real constructors take a ServletContext (not stubbed); no other exists. */
    private Jenkins() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    public static Jenkins get() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
