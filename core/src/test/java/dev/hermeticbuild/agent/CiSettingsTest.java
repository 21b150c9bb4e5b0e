package dev.hermeticbuild.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CiSettingsTest {

    @Test
    void eachSettingIsCheckedAsTheEngineWouldUseIt() {
        assertEquals(Optional.empty(), CiSettings.builderId(""));
        assertEquals(Optional.empty(), CiSettings.builderId("https://ci.example.com/hermetic"));
        assertTrue(CiSettings.builderId("ci.example.com").orElseThrow().contains("absolute https:// URI"));
        assertEquals(Optional.empty(), CiSettings.tier("dev"));
        assertTrue(CiSettings.tier("prod").isPresent());
        assertEquals(Optional.empty(), CiSettings.storeUrl("jdbc:sqlite:/var/lib/jenkins/hermetic.db"));
        assertTrue(CiSettings.storeUrl("jdbc:mysql://db/h").orElseThrow().contains("expected jdbc:sqlite:FILE or jdbc:postgresql"));
        assertTrue(CiSettings.storeUrl("jdbc:postgresql://db/h?password=inline").orElseThrow().contains("credential"));
        assertTrue(CiSettings.trustedKeys("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n").isPresent());
    }
}
