package dev.hermeticbuild.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * The configuration of {@code hermeticPipeline}: its keys, their defaults, and every
 * misconfiguration found before anything runs, one line each. Pure: no Pipeline steps here.
 */
class PipelineConfig implements Serializable {

    private static final long serialVersionUID = 1L

    /** Every key {@code hermeticPipeline} takes; any other key is a misconfiguration. */
    static final List<String> KEYS = ['buildCommand', 'outputs', 'tier', 'signingCredentials', 'verifyCredentials',
                                      'image', 'agentImage', 'cache', 'prefetch', 'mavenRepo', 'npmRegistry',
                                      'reproducibilityCheck'].asImmutable()

    /** Global environment variables (Manage Jenkins → System → Global properties) that give the images to every job. */
    static final String IMAGE_ENV = 'HERMETIC_AGENT_IMAGE'
    static final String AGENT_IMAGE_ENV = 'HERMETIC_INBOUND_AGENT_IMAGE'

    /** Lockfiles whose dependencies {@code hermetic prefetch} fetches into the cache. */
    static final List<String> PREFETCHED_LOCKFILES = ['hermetic.lock', 'package-lock.json'].asImmutable()

    private static final String DIGEST_REFERENCE = /[^\s@]+@sha256:[0-9a-f]{64}/

    /**
     * Reads a configuration closure: {@code key = value} lines are recorded, anything else the
     * closure reads ({@code env}, {@code params}) resolves in the Jenkinsfile as usual.
     */
    static Map fromClosure(Closure body) {
        ConfigRecorder recorder = new ConfigRecorder()
        body.resolveStrategy = Closure.DELEGATE_FIRST
        body.delegate = recorder
        body()
        return recorder.values
    }

    /**
     * The misconfigurations of {@code raw}, one message each, in a fixed order; empty when it is
     * usable. {@code environment} supplies the global image defaults.
     */
    @NonCPS
    static List<String> problems(Map raw, Map environment) {
        List<String> problems = []
        for (Object key : raw.keySet()) {
            if (!KEYS.contains(key as String)) {
                problems << "unknown key '${key}': hermeticPipeline takes ${KEYS.join(', ')}".toString()
            }
        }
        if (blank(raw.buildCommand)) {
            problems << "buildCommand: give the build command, e.g. buildCommand = 'mvn -o package'"
        }
        if (blank(raw.outputs)) {
            problems << "outputs: name the files the build produces, e.g. outputs = 'target/*.jar' (comma-separated globs)"
        }
        String tier = tierOf(raw)
        if (!(tier in ['dev', 'release'])) {
            problems << "tier: '${tier}' is not a tier: use 'dev' or 'release'".toString()
        }
        if (tier == 'release' && blank(raw.signingCredentials)) {
            problems << "tier release needs signingCredentials: the id of the Jenkins credential holding the signing key"
        }
        problems.addAll(imageProblems('image', raw.image, environment?.get(IMAGE_ENV), IMAGE_ENV))
        problems.addAll(imageProblems('agentImage', raw.agentImage, environment?.get(AGENT_IMAGE_ENV), AGENT_IMAGE_ENV))
        if (raw.containsKey('prefetch') && !(raw.prefetch in [true, false, 'auto'])) {
            problems << "prefetch: '${raw.prefetch}' is not one of true, false, 'auto'".toString()
        }
        if (raw.containsKey('reproducibilityCheck') && !(raw.reproducibilityCheck in [true, false])) {
            problems << "reproducibilityCheck: '${raw.reproducibilityCheck}' is not true or false".toString()
        }
        return problems
    }

    /** The configuration with every default filled in; call only when {@link #problems} is empty. */
    @NonCPS
    static Map resolve(Map raw, Map environment) {
        String tier = tierOf(raw)
        return [
                buildCommand        : raw.buildCommand as String,
                outputs             : outputList(raw.outputs as String).join(','),
                tier                : tier,
                signingCredentials  : raw.signingCredentials as String,
                verifyCredentials   : raw.verifyCredentials as String,
                image               : (raw.image ?: environment?.get(IMAGE_ENV)) as String,
                agentImage          : (raw.agentImage ?: environment?.get(AGENT_IMAGE_ENV)) as String,
                cache               : raw.cache as String,
                prefetch            : raw.containsKey('prefetch') ? raw.prefetch : 'auto',
                mavenRepo           : listOf(raw.mavenRepo),
                npmRegistry         : listOf(raw.npmRegistry),
                reproducibilityCheck: raw.containsKey('reproducibilityCheck') ? raw.reproducibilityCheck : tier == 'release',
        ]
    }

    /** Why {@code reference} cannot be an image of the hermetic pod, or empty. */
    @NonCPS
    static List<String> imageProblems(String key, Object given, Object fallback, String envName) {
        Object reference = given ?: fallback
        if (blank(reference)) {
            return ["${key}: give the image pinned by digest (REPO@sha256:<64 hex>), or set ${envName} for every job".toString()]
        }
        if (!((reference as String) ==~ DIGEST_REFERENCE)) {
            return ["${key} '${reference}' is not pinned by digest: use REPO@sha256:<64 hex>".toString()]
        }
        return []
    }

    /** {@code value} quoted for a POSIX shell as one word. */
    @NonCPS
    static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'"
    }

    /** Splits comma-separated output globs, trimmed, blanks dropped. */
    @NonCPS
    static List<String> outputList(String outputs) {
        List<String> list = []
        for (String o : (outputs ?: '').split(',')) {
            if (o.trim()) {
                list << o.trim()
            }
        }
        return list
    }

    @NonCPS
    private static String tierOf(Map raw) {
        return raw.tier == null ? 'release' : raw.tier as String
    }

    @NonCPS
    private static List<String> listOf(Object value) {
        if (value == null) {
            return []
        }
        List<String> list = []
        for (Object v : (value instanceof Collection ? value : [value])) {
            list << (v as String)
        }
        return list
    }

    @NonCPS
    private static boolean blank(Object value) {
        return value == null || (value as String).trim().isEmpty()
    }
}
