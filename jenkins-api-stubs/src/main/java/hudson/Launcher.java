// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (checked against jenkinsci/jenkins core/src/main/java/hudson/Launcher.java @ be8bec65, tag jenkins-2.504.3).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

public abstract class Launcher {
    @NonNull
    public final ProcStarter launch() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public final class ProcStarter {
        public ProcStarter cmds(List<String> args) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ProcStarter pwd(FilePath workDir) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ProcStarter stdout(TaskListener out) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ProcStarter stdout(OutputStream out) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ProcStarter stderr(OutputStream err) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ProcStarter envs(Map<String, String> overrides) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ProcStarter quiet(boolean quiet) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public int join() throws IOException, InterruptedException {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }
}
