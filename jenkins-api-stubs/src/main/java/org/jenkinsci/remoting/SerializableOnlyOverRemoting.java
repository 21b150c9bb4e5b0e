// Compile-only signature mirroring org.jenkins-ci.main:remoting 3301.v4363ddcca_4e7 (the version Jenkins 2.504.3 pins; checked against jenkinsci/remoting src/main/java/org/jenkinsci/remoting/SerializableOnlyOverRemoting.java @ 4363ddcc, tag 3301.v4363ddcca_4e7).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Omitted: the default method getChannelForSerialization().
package org.jenkinsci.remoting;

public interface SerializableOnlyOverRemoting extends java.io.Serializable {
}
