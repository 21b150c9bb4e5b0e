package dev.hermeticbuild.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.sandbox.BuildUser;
import dev.hermeticbuild.sandbox.ResourceLimits;
import dev.hermeticbuild.sandbox.SandboxMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildRequestTest {

    private static BuildRequest.Builder required() {
        return BuildRequest.builder().workspace(Path.of("ws")).outDir(Path.of("out"))
                .outputs(List.of(new OutputGlob("dist/*"))).command(List.of("make"));
    }

    @Test
    void theDefaultsAreAReleaseBuildInASandboxThatNeverFallsBack() {
        BuildRequest r = required().build();
        assertEquals(Tier.RELEASE, r.tier());
        assertEquals(SandboxMode.AUTO, r.sandbox());
        assertFalse(r.allowNetworkPolicyOnly());
        assertEquals(List.of(), r.passEnv());
        assertEquals(BuildVariation.NONE, r.variation());
        assertEquals(BuildRequest.DEFAULT_BUILDER_ID, r.builderId());
        assertEquals(BuildRequest.DEFAULT_TIMEOUT, r.timeout());
        assertEquals(BuildUser.DEFAULT, r.buildUser());
        assertEquals(ResourceLimits.DEFAULTS, r.limits());
        assertEquals(Optional.empty(), r.imageDigest());
        assertEquals(Optional.empty(), r.cache());
        assertEquals(Optional.empty(), r.canonicalSource());
        assertEquals(Optional.empty(), r.lock());
    }

    @Test
    void eachMissingRequiredFieldIsNamed() {
        assertMissing(BuildRequest.builder().outDir(Path.of("out")).outputs(List.of()).command(List.of("make")), "workspace");
        assertMissing(BuildRequest.builder().workspace(Path.of("ws")).outputs(List.of()).command(List.of("make")), "outDir");
        assertMissing(BuildRequest.builder().workspace(Path.of("ws")).outDir(Path.of("out")).command(List.of("make")), "outputs");
        assertMissing(BuildRequest.builder().workspace(Path.of("ws")).outDir(Path.of("out")).outputs(List.of()), "command");
    }

    private static void assertMissing(BuildRequest.Builder b, String field) {
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertTrue(e.getMessage().contains(field + " is required"), e.getMessage());
    }

    @Test
    void toBuilderKeepsEveryValueAndChangesOnlyWhatIsSet() {
        BuildRequest loose = required().tier(Tier.DEV).sandbox(SandboxMode.NONE).allowNetworkPolicyOnly(true)
                .passEnv(List.of("HOME")).timeout(Duration.ofMinutes(3)).imageDigest(Optional.of("img@sha256:00"))
                .cache(Optional.of(Path.of("cache"))).canonicalSource(Optional.of("https://example.com/r.git"))
                .lock(Optional.of(Path.of("x.lock"))).build();
        BuildRequest moved = loose.toBuilder().outDir(Path.of("elsewhere")).build();
        assertEquals(Path.of("elsewhere"), moved.outDir());
        assertEquals(loose.workspace(), moved.workspace());
        assertEquals(loose.outputs(), moved.outputs());
        assertEquals(loose.command(), moved.command());
        assertEquals(Tier.DEV, moved.tier());
        assertEquals(SandboxMode.NONE, moved.sandbox());
        assertTrue(moved.allowNetworkPolicyOnly());
        assertEquals(List.of("HOME"), moved.passEnv());
        assertEquals(Duration.ofMinutes(3), moved.timeout());
        assertEquals(loose.imageDigest(), moved.imageDigest());
        assertEquals(loose.cache(), moved.cache());
        assertEquals(loose.canonicalSource(), moved.canonicalSource());
        assertEquals(loose.lock(), moved.lock());
    }
}
