// Compile-only signature mirroring org.springframework.security:spring-security-core 6.4.4 (as Jenkins 2.504.3's BOM pins it).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Simplified: only the type is used (ACL.SYSTEM2, credential lookups); its methods are omitted.
package org.springframework.security.core;

public interface Authentication extends java.security.Principal, java.io.Serializable {
}
