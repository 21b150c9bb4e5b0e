package dev.hermeticbuild.source;

import java.io.File;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * JGit's view of the host with no system, user or XDG git configuration: the runner's reading of
 * a repository depends only on that repository, and JGit never starts {@code git} to find where
 * the system configuration lives. JGit has one process-wide {@link SystemReader}; the
 * {@code hermetic} process reads git only through {@link SourceRepository}, which installs this.
 * Everything else (environment, time, host name) is answered by the reader it replaces. Every
 * file store is declared to have JGit's own conservative timestamp resolution, so JGit never
 * measures one (seconds of probe files written and rewritten in the repository being read).
 */
final class NoHostGitConfig extends SystemReader {

    private final SystemReader host;

    private NoHostGitConfig(SystemReader host) {
        this.host = host;
    }

    static synchronized void install() {
        SystemReader current = SystemReader.getInstance();
        if (!(current instanceof NoHostGitConfig)) {
            SystemReader.setInstance(new NoHostGitConfig(current));
        }
    }

    @Override
    public FileBasedConfig openUserConfig(Config parent, FS fs) {
        return new CoarseFileTimes(parent, fs);
    }

    @Override
    public FileBasedConfig openSystemConfig(Config parent, FS fs) {
        return new Empty(parent, fs);
    }

    @Override
    public FileBasedConfig openJGitConfig(Config parent, FS fs) {
        return new Empty(parent, fs);
    }

    @Override
    public String getHostname() {
        return host.getHostname();
    }

    @Override
    public String getenv(String variable) {
        return host.getenv(variable);
    }

    @Override
    public String getProperty(String key) {
        return host.getProperty(key);
    }

    @Override
    public long getCurrentTime() {
        return host.getCurrentTime();
    }

    @Override
    public int getTimezone(long when) {
        return host.getTimezone(when);
    }

    /** A configuration with no file behind it: nothing to load, never outdated. */
    private static class Empty extends FileBasedConfig {
        Empty(Config parent, FS fs) {
            super(parent, (File) null, fs);
        }

        @Override
        public void load() {
        }

        @Override
        public void save() {
        }

        @Override
        public boolean isOutdated() {
            return false;
        }
    }

    /**
     * The user configuration, where JGit looks up a file store's timestamp resolution before it
     * measures it: for every store, JGit's fallback (2 s, no extra racy interval). Coarser than
     * the real resolution only makes JGit treat more files as possibly changed and read them
     * again; the runner never trusts stat data for content anyway ({@link WorkTreeComparison}).
     */
    private static final class CoarseFileTimes extends Empty {
        private static final String RESOLUTION = FS.FileStoreAttributes.FALLBACK_TIMESTAMP_RESOLUTION.toMillis() + " milliseconds";

        CoarseFileTimes(Config parent, FS fs) {
            super(parent, fs);
        }

        @Override
        public String getString(String section, String subsection, String name) {
            if (ConfigConstants.CONFIG_FILESYSTEM_SECTION.equalsIgnoreCase(section) && subsection != null) {
                if (ConfigConstants.CONFIG_KEY_TIMESTAMP_RESOLUTION.equalsIgnoreCase(name)) {
                    return RESOLUTION;
                }
                if (ConfigConstants.CONFIG_KEY_MIN_RACY_THRESHOLD.equalsIgnoreCase(name)) {
                    return "0 milliseconds";
                }
            }
            return super.getString(section, subsection, name);
        }
    }
}
