// Compile-only signature mirroring org.jenkins-ci:symbol-annotation (checked against jenkinsci/structs-plugin annotation/src/main/java/org/jenkinsci/Symbol.java).
// Checked at the newest commit of that repository, not yet at the commit BOM 5015 pins.
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
