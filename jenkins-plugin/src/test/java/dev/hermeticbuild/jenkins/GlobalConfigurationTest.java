package dev.hermeticbuild.jenkins;

import static org.junit.Assert.assertEquals;

import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import org.junit.Rule;
import org.junit.Test;

/** Manage Jenkins → System round trip, and the same settings from Configuration as Code. */
public class GlobalConfigurationTest {

    @Rule
    public JenkinsConfiguredWithCodeRule r = new JenkinsConfiguredWithCodeRule();

    @Test
    @ConfiguredWithCode("casc.yaml")
    public void configurationAsCodeSetsEveryProperty() throws Exception {
        HermeticGlobalConfiguration c = HermeticGlobalConfiguration.get();
        assertEquals("https://jenkins.example.com/hermetic", c.getBuilderId());
        assertEquals("release", c.getDefaultTier());
        assertEquals("release-signing-key", c.getDefaultSigningCredentialsId());
        assertEquals(true, c.getTrustedPublicKeys().contains("BEGIN PUBLIC KEY"));
        assertEquals("jdbc:postgresql://db.example.com/hermetic?user=jenkins", c.getStoreUrl());
        assertEquals("hermetic-store-password", c.getStoreCredentialsId());

        c.setDefaultTier("dev");
        r.configRoundtrip();
        HermeticGlobalConfiguration after = HermeticGlobalConfiguration.get();
        assertEquals("dev", after.getDefaultTier());
        assertEquals("https://jenkins.example.com/hermetic", after.getBuilderId());
        assertEquals("release-signing-key", after.getDefaultSigningCredentialsId());
        assertEquals("hermetic-store-password", after.getStoreCredentialsId());
    }
}
