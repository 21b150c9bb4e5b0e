// Compile-only signature mirroring org.jenkins-ci.main:jenkins-core 2.504.3 (checked against jenkinsci/jenkins core/src/main/java/hudson/FilePath.java @ be8bec65, tag jenkins-2.504.3).
// No behaviour, never shipped: the real type comes from Jenkins at run time.
package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public final class FilePath implements SerializableOnlyOverRemoting {
    public FilePath(File localPath) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public FilePath(FilePath base, String rel) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getRemote() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public @NonNull FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @CheckForNull
    public FilePath sibling(String rel) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @CheckForNull
    public FilePath getParent() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public boolean exists() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public boolean isDirectory() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public long length() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void mkdirs() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public boolean delete() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void deleteRecursive() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    public FilePath[] list(String includes) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public InputStream read() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public OutputStream write() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void copyFrom(InputStream in) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void copyTo(FilePath target) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void copyTo(OutputStream os) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
