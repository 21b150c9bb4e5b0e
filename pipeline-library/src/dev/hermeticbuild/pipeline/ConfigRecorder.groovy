package dev.hermeticbuild.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * The delegate of a configuration closure. It is a map, so {@code key = value} lines land in it
 * (in plain Groovy and under CPS alike), and a read of a name the closure has not set
 * ({@code env}, {@code params}, {@code currentBuild}) is answered by the closure's owner, the
 * Jenkinsfile, instead of a map's {@code null}.
 */
class ConfigRecorder extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L

    private final Object owner

    ConfigRecorder(Object owner) {
        this.owner = owner
    }

    @NonCPS
    @Override
    Object get(Object key) {
        if (containsKey(key)) {
            return super.get(key)
        }
        return owner.getProperty(key as String)
    }

    /** What the closure set, as a plain map. */
    @NonCPS
    Map<String, Object> settings() {
        return new LinkedHashMap<String, Object>(this)
    }
}
