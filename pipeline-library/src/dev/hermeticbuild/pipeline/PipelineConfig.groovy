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
                                      'reproducibilityCheck', 'containerImage'].asImmutable()

    /** The keys of {@code containerImage}: the image the runner assembles from the outputs, and where a release pushes it. */
    static final List<String> CONTAINER_IMAGE_KEYS = ['base', 'layers', 'entrypoint', 'env', 'labels', 'platform', 'name',
                                                      'pushTo', 'registryCredentials'].asImmutable()

    /** The variables {@code withCredentials} gives the registry login in, for {@code hermetic push --registry-login-env}. */
    static final String REGISTRY_USER_ENV = 'HERMETIC_REGISTRY_USER'
    static final String REGISTRY_PASSWORD_ENV = 'HERMETIC_REGISTRY_PASSWORD'

    /** Where the image layout lands in the workspace when {@code containerImage.name} is not given (keep it ignored by git). */
    static final String IMAGE_LAYOUT = 'target/image'

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
    private static final String IMAGE_BASE = /scratch|oci:[^@]+@sha256:[0-9a-f]{64}/
    private static final String PUSH_TARGET = /[a-z0-9.-]+(:[0-9]+)?\/[a-z0-9._\/-]+(:[A-Za-z0-9_.-]{1,128})?/

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
        if (raw.containsKey('containerImage')) {
            problems.addAll(containerImageProblems(raw.containerImage, tier))
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
                containerImage      : containerImage(raw.containerImage as Map),
        ]
    }

    /** Why {@code given} cannot describe the image to build, one message each. */
    @NonCPS
    static List<String> containerImageProblems(Object given, String tier) {
        if (!(given instanceof Map)) {
            return ["containerImage: give a map, e.g. containerImage = [base: 'scratch', layers: 'target/app.jar:/app/app.jar']"]
        }
        Map image = given as Map
        List<String> problems = []
        for (Object key : image.keySet()) {
            if (!CONTAINER_IMAGE_KEYS.contains(key as String)) {
                problems << "containerImage: unknown key '${key}': it takes ${CONTAINER_IMAGE_KEYS.join(', ')}".toString()
            }
        }
        if (!((image.base ?: '') as String ==~ IMAGE_BASE)) {
            problems << ("containerImage.base: give 'scratch' or a local OCI layout pinned by digest, 'oci:DIR@sha256:<64 hex>'"
                    + (blank(image.base) ? '' : " (not '${image.base}')")).toString()
        }
        if (outputList(image.layers as String).isEmpty()) {
            problems << "containerImage.layers: name at least one OUTPUT:DEST, e.g. layers: 'target/app.jar:/app/app.jar'"
        }
        if (!blank(image.pushTo)) {
            if (!((image.pushTo as String) ==~ PUSH_TARGET) || (image.pushTo as String).contains('@')) {
                problems << "containerImage.pushTo '${image.pushTo}': give REGISTRY/REPOSITORY[:TAG], e.g. registry.example.com/team/app".toString()
            }
            if (tier != 'release') {
                problems << "containerImage.pushTo: only a release build pushes (it attaches the image's signature and provenance)"
            }
        } else if (!blank(image.registryCredentials)) {
            problems << "containerImage.registryCredentials: the login is for pushTo; give pushTo too"
        }
        return problems
    }

    /** {@code containerImage} with its defaults, or null when there is none. */
    @NonCPS
    static Map containerImage(Map given) {
        if (given == null) {
            return null
        }
        return [base      : given.base as String,
                layers    : outputList(given.layers as String).join(','),
                entrypoint: given.entrypoint == null ? null : (given.entrypoint instanceof Collection
                        ? (given.entrypoint as Collection).join(',') : given.entrypoint as String),
                env       : listOf(given.env),
                labels    : listOf(given.labels),
                platform  : given.platform as String,
                name      : (given.name ?: IMAGE_LAYOUT) as String,
                pushTo    : blank(given.pushTo) ? null : given.pushTo as String,
                registryCredentials: blank(given.registryCredentials) ? null : given.registryCredentials as String]
    }

    /** The {@code hermeticBuild} parameters that assemble {@code image} (resolved by {@link #containerImage}). */
    @NonCPS
    static Map imageArguments(Map image) {
        Map args = [imageBase: image.base, imageLayers: image.layers, imageName: image.name]
        if (image.entrypoint) {
            args.imageEntrypoint = image.entrypoint
        }
        if (image.env) {
            args.imageEnv = image.env
        }
        if (image.labels) {
            args.imageLabels = image.labels
        }
        if (image.platform) {
            args.imagePlatform = image.platform
        }
        return args
    }

    /** The {@code hermetic push} command line: the layout by digest, with its signature and provenance attached. */
    @NonCPS
    static String pushScript(Map image) {
        String name = image.name as String
        return "hermetic push --image ${shellQuote(name)} --to ${shellQuote(image.pushTo as String)}" +
                " --attach ${shellQuote(name + '.sigstore.json')} --attach ${shellQuote(name + '.provenance.sigstore.json')}" +
                (image.registryCredentials ? " --registry-login-env ${REGISTRY_USER_ENV}:${REGISTRY_PASSWORD_ENV}" : '')
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
        if (c.containerImage) {
            script += imageOptions(c.containerImage as Map)
        }
        return script + " -- sh -c ${shellQuote(c.buildCommand as String)}"
    }

    /** {@code image}'s {@code --image-*} options, so that a reproducibility check assembles and compares the image too. */
    @NonCPS
    static String imageOptions(Map image) {
        String options = " --image-base ${shellQuote(image.base as String)}"
        for (String layer : outputList(image.layers as String)) {
            options += " --image-layer ${shellQuote(layer)}"
        }
        if (image.entrypoint) {
            options += " --image-entrypoint ${shellQuote(image.entrypoint as String)}"
        }
        for (String e : image.env) {
            options += " --image-env ${shellQuote(e)}"
        }
        for (String l : image.labels) {
            options += " --image-label ${shellQuote(l)}"
        }
        if (image.platform) {
            options += " --image-platform ${shellQuote(image.platform as String)}"
        }
        return options + " --image-name ${shellQuote(image.name as String)}"
    }

    /** The workspace paths of the files {@code hermeticBuild} returned as outputs (an image's subjects are not files). */
    @NonCPS
    static List<String> outputNames(Map build, String imageName = null) {
        List<String> names = []
        for (Object output : build.outputs) {
            String name = (output as Map).name as String
            // an image's subjects (a layout's, or an archive's oci-archive:FILE) are digests, not workspace files
            boolean image = name.startsWith('oci-archive:') || (imageName != null && (name == imageName || name.startsWith(imageName + '@')))
            if (!image) {
                names << name
            }
        }
        return names
    }

    /** What to archive: the outputs, for release their (and the image's) signature and provenance bundles, the SBOM, the report. */
    @NonCPS
    static String archived(List<String> files, boolean release, boolean reproducibilityReport, String imageName = null) {
        List<String> archived = []
        if (release && imageName) {
            archived << "${imageName}.sigstore.json".toString()
            archived << "${imageName}.provenance.sigstore.json".toString()
        }
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
