package dev.hermeticbuild.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.Test;

class NoHostGitConfigTest {

    @Test
    void everyFileStoreHasJGitsCoarseFallbackTimestampsSoJGitNeverMeasuresOne() throws Exception {
        NoHostGitConfig.install();
        StoredConfig user = SystemReader.getInstance().getUserConfig();
        for (String store : new String[] {"Debian|17.0.15|/dev/vda", "Eclipse Adoptium|25|tmpfs"}) {
            // JGit reads these two keys before it measures a file store (seconds of probe-file writes in the repository).
            assertEquals(FS.FileStoreAttributes.FALLBACK_TIMESTAMP_RESOLUTION.toNanos(),
                    user.getTimeUnit(ConfigConstants.CONFIG_FILESYSTEM_SECTION, store, ConfigConstants.CONFIG_KEY_TIMESTAMP_RESOLUTION,
                            -1, TimeUnit.NANOSECONDS), store);
            assertEquals(0, user.getTimeUnit(ConfigConstants.CONFIG_FILESYSTEM_SECTION, store,
                    ConfigConstants.CONFIG_KEY_MIN_RACY_THRESHOLD, -1, TimeUnit.NANOSECONDS), store);
        }
        assertEquals("", user.toText(), "nothing else is configured");
        assertEquals(null, user.getString(ConfigConstants.CONFIG_FILESYSTEM_SECTION, null, "other"));
    }
}
