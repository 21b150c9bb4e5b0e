package dev.hermeticbuild.pipeline

/**
 * The delegate of a configuration closure: records {@code key = value} assignments and refuses to
 * answer reads, so that {@code env.BRANCH_NAME} and the like fall through to the Jenkinsfile.
 */
class ConfigRecorder implements Serializable {

    private static final long serialVersionUID = 1L

    final Map values = [:]

    def propertyMissing(String name, Object value) {
        values[name] = value
    }

    def propertyMissing(String name) {
        throw new MissingPropertyException(name, ConfigRecorder)
    }
}
