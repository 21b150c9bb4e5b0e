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

    /** The build's CycloneDX SBOM, written into the workspace by hermeticBuild so that it is archived with the outputs. */
    static final String SBOM_FILE = 'hermetic-sbom.cdx.json'
    /** Where check-reproducible writes: outside the tree (the shell expands WORKSPACE). */
    static final String REPRODUCIBILITY_OUT = '"$WORKSPACE@tmp/hermetic-reproducibility"'
    /** The reproducibility report, copied into the workspace to be archived. */
    static final String REPRODUCIBILITY_REPORT = 'hermetic-reproducibility.json'

    /** Lockfiles whose dependencies {@code hermetic prefetch} fetches into the cache. */
    static final List<String> PREFETCHED_LOCKFILES = ['hermetic.lock', 'package-lock.json'].asImmutable()

    private static final String DIGEST_REFERENCE = /[^\s@]+@sha256:[0-9a-f]{64}/

    /**
     * Reads a configuration closure: {@code key = value} lines are recorded, anything else the
     * closure reads ({@code env}, {@code params}) resolves in the Jenkinsfile as usual.
     */
    static Map fromClosure(Closure body) {
        ConfigRecorder recorder = new ConfigRecorder(body.owner)
        body.resolveStrategy = Closure.DELEGATE_FIRST
        body.delegate = recorder
        body()
        return recorder.settings()
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

    /** The misconfigurations of {@code hermeticPod}'s arguments, one message each. */
    @NonCPS
    static List<String> podProblems(Map given, Map environment) {
        List<String> problems = []
        for (Object key : given.keySet()) {
            if (!((key as String) in ['image', 'agentImage', 'tier'])) {
                problems << "unknown key '${key}': hermeticPod takes image, agentImage, tier".toString()
            }
        }
        String tier = tierOf(given)
        if (!(tier in ['dev', 'release'])) {
            problems << "tier: '${tier}' is not a tier: use 'dev' or 'release'".toString()
        }
        problems.addAll(imageProblems('image', given.image, environment?.get(IMAGE_ENV), IMAGE_ENV))
        problems.addAll(imageProblems('agentImage', given.agentImage, environment?.get(AGENT_IMAGE_ENV), AGENT_IMAGE_ENV))
        return problems
    }

    /** The pod template resource with the images and tier of {@code given} (checked by {@link #podProblems}) filled in. */
    @NonCPS
    static String podYaml(String template, Map given, Map environment) {
        return template.replace('@HERMETIC_IMAGE@', (given.image ?: environment?.get(IMAGE_ENV)) as String)
                .replace('@AGENT_IMAGE@', (given.agentImage ?: environment?.get(AGENT_IMAGE_ENV)) as String)
                .replace('@TIER@', tierOf(given))
    }

    /** The {@code hermetic prefetch} command line filling {@code cache} from the configured mirrors. */
    @NonCPS
    static String prefetchScript(Map c, String cache) {
        String script = "hermetic prefetch -C . --cache ${shellQuote(cache)}"
        for (String repo : c.mavenRepo) {
            script += " --maven-repo ${shellQuote(repo)}"
        }
        for (String registry : c.npmRegistry) {
            script += " --npm-registry ${shellQuote(registry)}"
        }
        return script
    }

    /** The {@code hermetic check-reproducible} command line: two builds in fresh copies, the second with variations. */
    @NonCPS
    static String reproducibilityScript(Map c, String cache) {
        String script = "hermetic check-reproducible -C . --out ${REPRODUCIBILITY_OUT} --tier ${c.tier}"
        for (String output : outputList(c.outputs as String)) {
            script += " --output ${shellQuote(output)}"
        }
        if (cache) {
            script += " --cache ${shellQuote(cache)}"
        }
        return script + " -- sh -c ${shellQuote(c.buildCommand as String)}"
    }

    /** The workspace paths of what {@code hermeticBuild} returned as outputs. */
    @NonCPS
    static List<String> outputNames(Map build) {
        List<String> names = []
        for (Object output : build.outputs) {
            names << ((output as Map).name as String)
        }
        return names
    }

    /** What to archive: the outputs, for release their signature and provenance bundles, the SBOM, the report. */
    @NonCPS
    static String archived(List<String> files, boolean release, boolean reproducibilityReport) {
        List<String> archived = []
        for (String file : files) {
            archived << file
            if (release) {
                archived << "${file}.sigstore.json".toString()
                archived << "${file}.provenance.sigstore.json".toString()
            }
        }
        archived << SBOM_FILE
        if (reproducibilityReport) {
            archived << REPRODUCIBILITY_REPORT
        }
        return archived.join(',')
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
