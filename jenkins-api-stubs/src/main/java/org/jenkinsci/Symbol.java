// Compile-only signature mirroring org.jenkins-ci:symbol-annotation 1.25, the version jenkins-core 2.504.3's bom/pom.xml pins (checked against jenkinsci/lib-symbol-annotation src/main/java/org/jenkinsci/Symbol.java @ 49204776, tag symbol-annotation-1.25).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
// Omitted: @Indexed (annotation-indexer), which only feeds Jenkins' extension index.
package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE})
@Documented
public @interface Symbol {
    String[] value();
}
