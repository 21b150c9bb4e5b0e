import dev.hermeticbuild.pipeline.PipelineConfig

/**
 * hermeticPod(image: 'REPO@sha256:…', agentImage: 'REPO@sha256:…', tier: 'release') { … }
 * Runs the block on a fresh locked-down hermetic pod agent (the library's pod template), in its
 * workspace. Steps run in the inbound agent container; wrap build steps in container('hermetic').
 */
def call(Map args = [:], Closure body) {
    Map given = args ?: [:]
    List<String> problems = []
    for (Object key : given.keySet()) {
        if (!((key as String) in ['image', 'agentImage', 'tier'])) {
            problems << "unknown key '${key}': hermeticPod takes image, agentImage, tier".toString()
        }
    }
    String tier = given.tier == null ? 'release' : given.tier as String
    if (!(tier in ['dev', 'release'])) {
        problems << "tier: '${tier}' is not a tier: use 'dev' or 'release'".toString()
    }
    problems.addAll(PipelineConfig.imageProblems('image', given.image, env[PipelineConfig.IMAGE_ENV], PipelineConfig.IMAGE_ENV))
    problems.addAll(PipelineConfig.imageProblems('agentImage', given.agentImage, env[PipelineConfig.AGENT_IMAGE_ENV], PipelineConfig.AGENT_IMAGE_ENV))
    if (problems) {
        error(problems.join('\n'))
    }
    String yaml = libraryResource('dev/hermeticbuild/hermetic-pod.yaml')
            .replace('@HERMETIC_IMAGE@', (given.image ?: env[PipelineConfig.IMAGE_ENV]) as String)
            .replace('@AGENT_IMAGE@', (given.agentImage ?: env[PipelineConfig.AGENT_IMAGE_ENV]) as String)
            .replace('@TIER@', tier)
    podTemplate(yaml: yaml) {
        node(env.POD_LABEL) {
            body()
        }
    }
}
