import dev.hermeticbuild.pipeline.PipelineConfig

/**
 * The whole hermetic flow in one call: validate the configuration, then on a locked-down pod
 * check out, prefetch locked dependencies, build isolated, and for the release tier sign, attest,
 * verify and rebuild for reproducibility; archive and fingerprint what came out.
 */
/** The build's CycloneDX SBOM, written into the workspace by hermeticBuild so that it is archived with the outputs. */
@groovy.transform.Field
final String SBOM_FILE = 'hermetic-sbom.cdx.json'
/** Where check-reproducible writes (outside the tree: the shell expands WORKSPACE), and the report archived from it. */
@groovy.transform.Field
final String REPRODUCIBILITY_OUT = '"$WORKSPACE@tmp/hermetic-reproducibility"'
@groovy.transform.Field
final String REPRODUCIBILITY_REPORT = 'hermetic-reproducibility.json'

def call(Closure body) {
    call(PipelineConfig.fromClosure(body))
}

def call(Map raw) {
    Map environment = [:]
    environment[PipelineConfig.IMAGE_ENV] = env[PipelineConfig.IMAGE_ENV]
    environment[PipelineConfig.AGENT_IMAGE_ENV] = env[PipelineConfig.AGENT_IMAGE_ENV]
    List<String> problems = PipelineConfig.problems(raw, environment)
    if (problems) {
        error("hermeticPipeline configuration:\n" + problems.join('\n'))
    }
    Map c = PipelineConfig.resolve(raw, environment)
    boolean release = c.tier == 'release'
    if (!release) {
        currentBuild.description = 'DEV build: unsigned, not for release'
    }
    hermeticPod(image: c.image, agentImage: c.agentImage, tier: c.tier) {
        stage('Checkout') {
            checkout scm
        }
        Map build
        container('hermetic') {
            String cache = prefetch(c)
            if (c.reproducibilityCheck) {
                // On the fresh checkout, before anything is written into the workspace: the check refuses a
                // dirty tree at the release tier, and earlier outputs could let an incremental build skip work.
                stage('Reproducibility') {
                    sh(reproducibilityScript(c, cache))
                }
            }
            stage('Build') {
                Map args = [command: c.buildCommand, outputs: c.outputs, tier: c.tier, sbomFile: SBOM_FILE]
                if (cache) {
                    args.cache = cache
                }
                build = hermeticBuild(args)
            }
        }
        List<String> files = []
        for (Map output : build.outputs) {
            files << (output.name as String)
        }
        if (release) {
            stage('Sign') {
                signArtifact(artifacts: c.outputs, credentialsId: c.signingCredentials)
                attest(artifacts: c.outputs, credentialsId: c.signingCredentials)
            }
            stage('Verify') {
                for (String file : files) {
                    Map args = [artifact: file, requireHermetic: true]
                    if (c.verifyCredentials) {
                        args.credentialsId = c.verifyCredentials
                    }
                    verifyArtifact(args)
                }
            }
        }
        stage('Archive') {
            List<String> archived = []
            for (String file : files) {
                archived << file
                if (release) {
                    archived << "${file}.sigstore.json".toString()
                    archived << "${file}.provenance.sigstore.json".toString()
                }
            }
            archived << SBOM_FILE
            if (c.reproducibilityCheck) {
                sh("cp ${REPRODUCIBILITY_OUT}/reproducibility.json ${REPRODUCIBILITY_REPORT}")
                archived << REPRODUCIBILITY_REPORT
            }
            archiveArtifacts(artifacts: archived.join(','), fingerprint: true)
        }
    }
}

/** Fills the dependency cache from the project's lockfiles when asked to; returns the cache, or null. */
private String prefetch(Map c) {
    if (c.prefetch == false) {
        return null
    }
    List<String> locks = []
    for (String lock : PipelineConfig.PREFETCHED_LOCKFILES) {
        if (fileExists(lock)) {
            locks << lock
        }
    }
    if (!locks && c.prefetch == 'auto') {
        return null
    }
    String cache = c.cache ?: "${env.WORKSPACE}@tmp/hermetic-cache".toString()
    stage('Prefetch') {
        String script = "hermetic prefetch -C . --cache ${PipelineConfig.shellQuote(cache)}"
        for (String repo : c.mavenRepo) {
            script += " --maven-repo ${PipelineConfig.shellQuote(repo)}"
        }
        for (String registry : c.npmRegistry) {
            script += " --npm-registry ${PipelineConfig.shellQuote(registry)}"
        }
        sh(script)
    }
    return cache
}

/** Builds twice in fresh copies, the second with variations, and compares (hermetic check-reproducible). */
private String reproducibilityScript(Map c, String cache) {
    String script = "hermetic check-reproducible -C . --out ${REPRODUCIBILITY_OUT} --tier ${c.tier}"
    for (String output : PipelineConfig.outputList(c.outputs)) {
        script += " --output ${PipelineConfig.shellQuote(output)}"
    }
    if (cache) {
        script += " --cache ${PipelineConfig.shellQuote(cache)}"
    }
    script += " -- sh -c ${PipelineConfig.shellQuote(c.buildCommand)}"
    return script
}
