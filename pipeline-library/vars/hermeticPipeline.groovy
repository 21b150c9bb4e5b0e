import dev.hermeticbuild.pipeline.PipelineConfig

/**
 * The whole hermetic flow in one call: validate the configuration, then on a locked-down pod
 * check out, prefetch locked dependencies, check reproducibility, build isolated, and for the
 * release tier sign, attest and verify (an image the runner assembled too, then pushed by digest
 * with its bundles attached); archive and fingerprint what came out.
 * Loops over data live in PipelineConfig (@NonCPS); loops here that call steps count with an index.
 */
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
                    sh(PipelineConfig.reproducibilityScript(c, cache))
                }
            }
            stage('Build') {
                Map args = [command: c.buildCommand, outputs: c.outputs, tier: c.tier, sbomFile: PipelineConfig.SBOM_FILE]
                if (cache) {
                    args.cache = cache
                }
                if (c.containerImage) {
                    args.putAll(PipelineConfig.imageArguments(c.containerImage))
                }
                build = hermeticBuild(args)
            }
        }
        String imageName = c.containerImage ? c.containerImage.name : null
        List<String> files = PipelineConfig.outputNames(build, imageName)
        if (release) {
            // an image is named by its layout directory: signed as its manifest (or index) digest
            String signed = imageName ? "${c.outputs},${imageName}".toString() : c.outputs
            stage('Sign') {
                signArtifact(artifacts: signed, credentialsId: c.signingCredentials)
                attest(artifacts: signed, credentialsId: c.signingCredentials)
            }
            stage('Verify') {
                List<String> verified = imageName ? files + [imageName] : files
                for (int i = 0; i < verified.size(); i++) {
                    Map args = [artifact: verified[i], requireHermetic: true]
                    if (c.verifyCredentials) {
                        args.credentialsId = c.verifyCredentials
                    }
                    verifyArtifact(args)
                }
            }
            if (c.containerImage?.pushTo) {
                stage('Push') {
                    container('hermetic') {
                        if (c.containerImage.registryCredentials) {
                            withCredentials([usernamePassword(credentialsId: c.containerImage.registryCredentials,
                                    usernameVariable: PipelineConfig.REGISTRY_USER_ENV,
                                    passwordVariable: PipelineConfig.REGISTRY_PASSWORD_ENV)]) {
                                sh(PipelineConfig.pushScript(c.containerImage))
                            }
                        } else {
                            sh(PipelineConfig.pushScript(c.containerImage))
                        }
                    }
                }
            }
        }
        stage('Archive') {
            if (c.reproducibilityCheck) {
                sh("cp ${PipelineConfig.REPRODUCIBILITY_OUT}/reproducibility.json ${PipelineConfig.REPRODUCIBILITY_REPORT}")
            }
            archiveArtifacts(artifacts: PipelineConfig.archived(files, release, c.reproducibilityCheck as boolean, imageName),
                    fingerprint: true)
        }
    }
}

/** Fills the dependency cache from the project's lockfiles when asked to; returns the cache, or null. */
private String prefetch(Map c) {
    if (c.prefetch == false) {
        return null
    }
    boolean locked = false
    List<String> lockfiles = PipelineConfig.PREFETCHED_LOCKFILES
    for (int i = 0; i < lockfiles.size(); i++) {
        if (fileExists(lockfiles[i])) {
            locked = true
        }
    }
    if (!locked && c.prefetch == 'auto') {
        return null
    }
    String cache = c.cache ?: "${env.WORKSPACE}@tmp/hermetic-cache".toString()
    stage('Prefetch') {
        sh(PipelineConfig.prefetchScript(c, cache))
    }
    return cache
}
