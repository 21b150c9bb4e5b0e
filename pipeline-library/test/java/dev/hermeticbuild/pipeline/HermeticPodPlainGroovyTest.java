package dev.hermeticbuild.pipeline;

import com.lesfurets.jenkins.unit.PipelineTestHelper;

/** {@link HermeticPodTest} again as plain Groovy, without the CPS transformation: the library must not depend on either. */
class HermeticPodPlainGroovyTest extends HermeticPodTest {

    HermeticPodPlainGroovyTest() {
        setHelper(new PipelineTestHelper());
    }
}
