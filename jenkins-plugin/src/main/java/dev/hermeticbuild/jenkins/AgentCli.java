package dev.hermeticbuild.jenkins;

import dev.hermeticbuild.agent.BuildCommandLine;
import dev.hermeticbuild.digest.Sha256;
import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code hermetic} CLI on the agent: the plugin ships the jar, places it next to the
 * workspace when missing or altered (checked by SHA-256 from the controller), and runs it through
 * the step's Launcher, so it runs wherever the step runs, {@code container('…')} included.
 */
final class AgentCli {

    static final String RESOURCE = "hermetic.jar";
    private static volatile String shippedSha256;

    private AgentCli() {
    }

    /** The jar on the agent, placed if needed and checked against the shipped digest. */
    static FilePath place(FilePath ws) throws IOException, InterruptedException {
        String expected = shippedSha256();
        FilePath dir = tmp(ws);
        FilePath jar = dir.child("hermetic-" + expected.substring(0, 16) + ".jar");
        String found = jar.exists() ? digest(jar) : "";
        if (!expected.equals(found)) {
            dir.mkdirs();
            try (InputStream in = shipped()) {
                jar.copyFrom(in);
            }
            found = digest(jar);
        }
        BuildCommandLine.requireIntactJar(expected, found, jar.getRemote());
        return jar;
    }

    /** A fresh output directory beside (never inside) the workspace. */
    static FilePath outDir(FilePath ws) throws AbortException {
        return tmp(ws).child("out-" + UUID.randomUUID());
    }

    /** What a run of the CLI ended with: its exit code and the start of its output (for launch failures). */
    record Ran(int exit, String firstOutput) {
    }

    /**
     * Runs {@code java -jar JAR ARGS} in the workspace, streaming its output to the console and
     * keeping its first bytes, where the java launcher says why it could not start the jar.
     */
    static Ran run(Launcher launcher, FilePath ws, TaskListener listener, FilePath jar, List<String> args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", jar.getRemote()));
        cmd.addAll(args);
        FirstBytes console = new FirstBytes(listener.getLogger());
        int exit;
        try {
            exit = launcher.launch().cmds(cmd).pwd(ws).stdout(console).quiet(true).join();
        } catch (IOException e) {
            throw new AbortException(BuildCommandLine.javaNotStarted(String.valueOf(e.getMessage())));
        }
        console.flush();
        return new Ran(exit, console.first());
    }

    /** Passes everything on to the console and keeps the first {@link #KEPT} bytes. */
    private static final class FirstBytes extends OutputStream {
        private static final int KEPT = 4096;
        private final OutputStream console;
        private final ByteArrayOutputStream first = new ByteArrayOutputStream();

        FirstBytes(OutputStream console) {
            this.console = console;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            if (first.size() < KEPT) {
                first.write(b);
            }
            console.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, Math.min(len, Math.max(0, KEPT - first.size())));
            console.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            console.flush();
        }

        synchronized String first() {
            return first.toString(StandardCharsets.UTF_8);
        }
    }

    private static FilePath tmp(FilePath ws) throws AbortException {
        FilePath tmp = ws.sibling(ws.getName() + "@tmp");
        if (tmp == null) {
            throw new AbortException(Text.get("Cli.WorkspaceWithoutParent", ws.getRemote()));
        }
        return tmp.child("hermetic");
    }

    private static String digest(FilePath file) throws IOException, InterruptedException {
        try (InputStream in = file.read()) {
            return Sha256.ofStream(in, file.getRemote());
        }
    }

    private static InputStream shipped() throws AbortException {
        InputStream in = AgentCli.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new AbortException(Text.get("Cli.NotShipped"));
        }
        return in;
    }

    private static String shippedSha256() throws IOException {
        if (shippedSha256 == null) {
            try (InputStream in = shipped()) {
                shippedSha256 = Sha256.ofStream(in, RESOURCE);
            }
        }
        return shippedSha256;
    }
}
