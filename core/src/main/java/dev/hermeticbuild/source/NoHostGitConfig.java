package dev.hermeticbuild.source;

import java.io.File;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * JGit's view of the host with no system, user or XDG git configuration: the runner's reading of
 * a repository depends only on that repository, and JGit never starts {@code git} to find where
 * the system configuration lives. JGit has one process-wide {@link SystemReader}; the
 * {@code hermetic} process reads git only through {@link SourceRepository}, which installs this.
 * Everything else (environment, time, host name) is answered by the reader it replaces.
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
        return new Empty(parent, fs);
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
    private static final class Empty extends FileBasedConfig {
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
}
