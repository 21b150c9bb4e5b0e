package dev.hermeticbuild.source;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FS_POSIX;
import org.eclipse.jgit.util.ProcessResult;

/**
 * The file system JGit sees when the runner reads a repository: every way JGit has to start a
 * process (clean/smudge filters, hooks, {@code git} to find the system config, {@code sh} to read
 * the umask) is closed, so nothing a workspace configures can run on the host. Hooks are reported
 * as absent; anything else that would spawn a process fails with {@link GitExecutionRefused}.
 */
final class NoExecFs extends FS_POSIX {

    static final NoExecFs INSTANCE = new NoExecFs();

    private NoExecFs() {
        setUmask(0022);
    }

    @Override
    public FS newInstance() {
        return new NoExecFs();
    }

    @Override
    public ProcessBuilder runInShell(String cmd, String[] args) {
        throw new GitExecutionRefused(cmd);
    }

    @Override
    public int runProcess(ProcessBuilder processBuilder, OutputStream outRedirect, OutputStream errRedirect, String stdinArgs) {
        throw new GitExecutionRefused(String.join(" ", processBuilder.command()));
    }

    @Override
    public int runProcess(ProcessBuilder processBuilder, OutputStream outRedirect, OutputStream errRedirect, InputStream inRedirect) {
        throw new GitExecutionRefused(String.join(" ", processBuilder.command()));
    }

    @Override
    public ExecutionResult execute(ProcessBuilder pb, InputStream in) {
        throw new GitExecutionRefused(String.join(" ", pb.command()));
    }

    @Override
    public ProcessResult runHookIfPresent(Repository repository, String hookName, String[] args) {
        return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
    }

    @Override
    public ProcessResult runHookIfPresent(Repository repository, String hookName, String[] args, OutputStream outRedirect,
                                          OutputStream errRedirect, String stdinArgs) {
        return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
    }

    @Override
    protected ProcessResult internalRunHookIfPresent(Repository repository, String hookName, String[] args,
                                                     OutputStream outRedirect, OutputStream errRedirect, String stdinArgs) {
        return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
    }

    @Override
    public File findHook(Repository repository, String hookName) {
        return null;
    }

    @Override
    protected File discoverGitExe() {
        return null;
    }

    @Override
    protected File discoverGitSystemConfig() {
        return null;
    }

    @Override
    public File getGitSystemConfig() {
        return null;
    }
}
