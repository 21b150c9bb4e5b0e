package dev.hermeticbuild.pipeline;

import com.lesfurets.jenkins.unit.PipelineTestHelper;

/** {@link HermeticPipelineTest} again as plain Groovy, without the CPS transformation: the library must not depend on either. */
class HermeticPipelinePlainGroovyTest extends HermeticPipelineTest {

    HermeticPipelinePlainGroovyTest() {
        setHelper(new PipelineTestHelper());
    }
}
