package dev.hermeticbuild.jenkins;

import dev.hermeticbuild.artifacts.Sha256;
import dev.hermeticbuild.build.BuildCommandLine;
import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.InputStream;
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
        if (!jar.exists() || !expected.equals(digest(jar))) {
            dir.mkdirs();
            try (InputStream in = shipped()) {
                jar.copyFrom(in);
            }
        }
        BuildCommandLine.requireIntactJar(expected, digest(jar), jar.getRemote());
        return jar;
    }

    /** A fresh output directory beside (never inside) the workspace. */
    static FilePath outDir(FilePath ws) {
        return tmp(ws).child("out-" + UUID.randomUUID());
    }

    /** Runs {@code java -jar JAR ARGS} in the workspace, streaming its output to the console. */
    static int run(Launcher launcher, FilePath ws, TaskListener listener, FilePath jar, List<String> args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", jar.getRemote()));
        cmd.addAll(args);
        return launcher.launch().cmds(cmd).pwd(ws).stdout(listener).quiet(true).join();
    }

    private static FilePath tmp(FilePath ws) {
        return ws.sibling(ws.getName() + "@tmp").child("hermetic");
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
