import dev.hermeticbuild.pipeline.PipelineConfig

/**
 * hermeticPod(image: 'REPO@sha256:…', agentImage: 'REPO@sha256:…', tier: 'release') { … }
 * Runs the block on a fresh locked-down hermetic pod agent (the library's pod template), in its
 * workspace. Steps run in the inbound agent container; wrap build steps in container('hermetic').
 */
def call(Map args = [:], Closure body) {
    Map given = args ?: [:]
    Map environment = [:]
    environment[PipelineConfig.IMAGE_ENV] = env[PipelineConfig.IMAGE_ENV]
    environment[PipelineConfig.AGENT_IMAGE_ENV] = env[PipelineConfig.AGENT_IMAGE_ENV]
    List<String> problems = PipelineConfig.podProblems(given, environment)
    if (problems) {
        error(problems.join('\n'))
    }
    String yaml = PipelineConfig.podYaml(libraryResource('dev/hermeticbuild/hermetic-pod.yaml'), given, environment)
    podTemplate(yaml: yaml) {
        node(env.POD_LABEL) {
            body()
        }
    }
}
