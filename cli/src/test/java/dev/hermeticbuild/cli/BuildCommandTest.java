package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `hermetic build` command line: exit codes and messages for good and bad input. */
class BuildCommandTest {

    @TempDir
    Path workspace;
    @TempDir
    Path out;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void project() throws IOException {
        Files.writeString(workspace.resolve("build.sh"), "#!/bin/sh\nmkdir -p dist && echo app > dist/app.txt\n");
        workspace.resolve("build.sh").toFile().setExecutable(true);
    }

    /** A failed build keeps its log beside OUT, outside the temporary directory JUnit removes. */
    @org.junit.jupiter.api.AfterEach
    void removeFailedLog() {
        dev.hermeticbuild.FileTrees.deleteQuietly(out.resolveSibling(out.getFileName() + ".failed"));
    }

    @Test
    void aSuccessfulBuildExitsZeroAndPrintsDigestsAndProvenance() {
        Run r = hermetic("build", "-C", workspace.toString(), "--out", out.toString(), "--output", "dist/*.txt", "--", "./build.sh");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("output:     dist/app.txt  sha256:"), r.out());
        assertTrue(r.out().contains("egress blocked"), r.out());
        assertTrue(r.out().contains("seccomp hermetic-build-seccomp/1"), r.out());
        assertTrue(Files.exists(out.resolve("provenance.json")));
    }

    @Test
    void jsonOutputIsMachineReadable() throws Exception {
        Run r = hermetic("build", "-C", workspace.toString(), "--out", out.toString(), "--output", "dist/*.txt", "--json", "--", "./build.sh");
        assertEquals(0, r.exit(), r.err());
        var node = JsonOutputSchema.result(r.exit(), r.out(), r.err());
        assertTrue(node.path("succeeded").asBoolean());
        assertTrue(node.path("egressBlocked").asBoolean());
        assertEquals("dist/app.txt", node.path("outputs").get(0).path("path").asText());
    }

    @Test
    void aFailingBuildCommandExitsFourWithItsExitCode() {
        Run r = hermetic("build", "-C", workspace.toString(), "--out", out.toString(), "--output", "dist/*.txt", "--", "/bin/sh", "-c", "exit 9");
        assertEquals(4, r.exit());
        assertTrue(r.err().contains("exit code 9") && r.err().contains("no provenance written"), r.err());
        assertFalse(Files.exists(out.resolve("provenance.json")));
    }

    @Test
    void badInputsExitTwoNamingTheInput() {
        expectInputError("does-not-exist", "build", "-C", workspace.resolve("does-not-exist").toString(), "--output", "x", "--", "true");
        expectInputError("must follow --", "build", "-C", workspace.toString(), "--out", out.toString(), "--output", "x", "true");
        expectInputError("--bogus", "build", "--bogus", "-C", workspace.toString(), "--output", "x", "--", "true");
        expectInputError("'../secret'", "build", "-C", workspace.toString(), "--out", out.toString(), "--output", "../secret", "--", "true");
        expectInputError("--out /proc/hermetic", "build", "-C", workspace.toString(), "--out", "/proc/hermetic", "--output", "x", "--", "true");
        expectInputError("--output", "build", "-C", workspace.toString(), "--out", out.toString(), "--", "true");
        expectInputError("--sandbox chroot", "build", "-C", workspace.toString(), "--out", out.toString(), "--output", "x", "--sandbox", "chroot", "--", "true");
        expectInputError("--timeout soon", "build", "-C", workspace.toString(), "--out", out.toString(), "--output", "x", "--timeout", "soon", "--", "true");
        // the user's workspace, not the runner's copy of it that the build ran in
        expectInputError("'dist/*.jar' matched no file in the build's copy of the workspace " + workspace + ";", "build", "-C",
                workspace.toString(), "--out", out.toString(), "--output", "dist/*.jar", "--", "./build.sh");
    }

    @Test
    void limitsAndTheBuildUidAreOptionsCheckedBeforeAnythingRuns() throws Exception {
        expectInputError("--limit 'bogus=1': unknown limit 'bogus'", "build", "-C", workspace.toString(), "--out", out.toString(),
                "--output", "x", "--limit", "bogus=1", "--", "true");
        expectInputError("--limit memory=lots", "build", "-C", workspace.toString(), "--out", out.toString(),
                "--output", "x", "--limit", "memory=lots", "--", "true");
        expectInputError("--build-uid '0'", "build", "-C", workspace.toString(), "--out", out.toString(),
                "--output", "x", "--build-uid", "0", "--", "true");

        Run over = hermetic("build", "-C", workspace.toString(), "--out", out.toString(), "--output", "dist/*.txt",
                "--limit", "outputs=2", "--", "./build.sh");
        assertEquals(1, over.exit(), over.err());
        assertTrue(over.err().contains("outputs exceed the limit of 2 bytes") && over.err().contains("dist/app.txt"), over.err());

        Run ok = hermetic("build", "-C", workspace.toString(), "--out", out.toString(), "--output", "dist/*.txt",
                "--limit", "nproc=256", "--limit", "cpu=10m", "--build-uid", "64001:64002", "--", "./build.sh");
        assertEquals(0, ok.exit(), ok.err());
        var isolation = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("provenance.json").toFile())
                .path("predicate").path("buildDefinition").path("internalParameters").path("isolation");
        assertEquals(256, isolation.path("limits").path("nproc").asInt());
        assertEquals(600, isolation.path("limits").path("cpuSeconds").asInt());
        if ("root".equals(System.getProperty("user.name"))) {
            assertEquals(64001, isolation.path("hostUid").asInt());
            assertEquals(64002, isolation.path("hostGid").asInt());
        }
    }

    @Test
    void releaseWithoutSandboxIsRefused() {
        Run r = hermetic("build", "-C", workspace.toString(), "--out", out.toString(), "--output", "dist/*.txt",
                "--tier", "release", "--sandbox", "none", "--", "./build.sh");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--sandbox none is only allowed with --tier dev"), r.err());
    }

    @Test
    void releaseOutsideGitFailsThePolicyCheck() {
        Run r = hermetic("build", "-C", workspace.toString(), "--out", out.toString(), "--output", "dist/*.txt",
                "--tier", "release", "--", "./build.sh");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("not in a git repository"), r.err());
    }

    /** A real process whose environment holds a secret: the sandboxed build must not see it. */
    @Test
    void aSecretInTheRunnersRealEnvironmentDoesNotReachTheBuild() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HermeticCommand.class.getName(),
                "build", "-C", workspace.toString(), "--out", out.toString(), "--output", "dist/*.txt", "--",
                "/bin/sh", "-c", "./build.sh; env; cat /proc/1/environ | tr '\\0' '\\n'"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SECRET_TOKEN", "hunter2-in-the-runner");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        assertTrue(output.contains("SOURCE_DATE_EPOCH="), "control: the build's env must be printed: " + output);
        assertFalse(output.contains("hunter2-in-the-runner"), output);
        assertFalse(Files.readString(out.resolve("build.log")).contains("hunter2"));

        cmd.add(cmd.indexOf("--"), "--env");
        cmd.add(cmd.indexOf("--"), "SECRET_TOKEN");
        pb.command(cmd);
        Process p2 = pb.start();
        String output2 = new String(p2.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p2.waitFor(), output2);
        assertTrue(output2.contains("SECRET_TOKEN=hunter2-in-the-runner"), "--env SECRET_TOKEN must pass it: " + output2);
    }

    @Test
    void signKeyAttestsAfterTheBuildAndTheBuildCannotReadTheKey(@TempDir Path keys) throws IOException {
        Path key = keys.resolve("release.pem");
        Path pub = keys.resolve("release.pub");
        assertEquals(0, hermetic("keygen", "--key", key.toString(), "--pub", pub.toString()).exit());
        Run r = hermetic("build", "-C", workspace.toString(), "--out", out.toString(), "--output", "dist/*.txt",
                "--sign-key", key.toString(), "--", "/bin/sh", "-c",
                "./build.sh; cat " + key + " && echo KEY-WAS-READABLE; ls " + keys + " && echo KEY-DIR-VISIBLE; true");
        assertEquals(0, r.exit(), r.err());
        String log = Files.readString(out.resolve("build.log"));
        assertFalse(log.contains("KEY-WAS-READABLE") || log.contains("PRIVATE KEY") || log.contains("KEY-DIR-VISIBLE"), log);
        assertTrue(log.contains("No such file"), log);
        assertTrue(r.out().contains("signed:     " + out.resolve("provenance.sigstore.json")), r.out());

        Run verified = hermetic("verify", "--pub", pub.toString(), "--bundle", out.resolve("provenance.sigstore.json").toString(),
                "--artifact", out.resolve("dist/app.txt").toString());
        assertEquals(0, verified.exit(), verified.out() + verified.err());
        Run sbom = hermetic("verify", "--pub", pub.toString(), "--bundle", out.resolve("sbom.sigstore.json").toString(),
                "--artifact", out.resolve("dist/app.txt").toString());
        assertEquals(0, sbom.exit(), sbom.out() + sbom.err());
    }

    @Test
    void aSigningKeyInsideTheWorkspaceIsRefusedBeforeTheBuildRuns() {
        Path key = workspace.resolve("release.pem");
        assertEquals(0, hermetic("keygen", "--key", key.toString(), "--pub", workspace.resolve("release.pub").toString()).exit());
        Run r = hermetic("build", "-C", workspace.toString(), "--out", out.toString(), "--output", "dist/*.txt",
                "--sign-key", key.toString(), "--", "./build.sh");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--sign-key") && r.err().contains("can read it"), r.err());
        assertFalse(Files.exists(workspace.resolve("dist")), "the build must not have run");
        assertFalse(Files.exists(out.resolve("build.log")), "the build must not have run (as root it would run on a copy)");
    }

    @Test
    void aKeyInsideTheWorkspaceIsRefusedWhenDashCNamesItThroughASymlink(@TempDir Path links) throws IOException {
        Path key = workspace.resolve("release.pem");
        assertEquals(0, hermetic("keygen", "--key", key.toString(), "--pub", workspace.resolve("release.pub").toString()).exit());
        Path link = Files.createSymbolicLink(links.resolve("ws"), workspace);
        Run r = hermetic("build", "-C", link.toString(), "--out", out.toString(), "--output", "dist/*.txt",
                "--sign-key", key.toString(), "--", "./build.sh");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("--sign-key") && r.err().contains("can read it"), r.err());
        assertFalse(Files.exists(workspace.resolve("dist")), "the build must not have run");
    }

    @Test
    void outputNamesCannotForgeLinesOrReorderWhatIsPrinted() throws IOException {
        Files.writeString(workspace.resolve("names.sh"), "#!/bin/sh\nset -e\nmkdir -p dist\n"
                + "printf x > \"$(printf 'dist/a\\noutput:     trusted.jar  sha256:0000')\"\n"
                + "printf y > \"$(printf 'dist/\\342\\200\\256rav.exe')\"\n");
        workspace.resolve("names.sh").toFile().setExecutable(true);
        Run r = hermetic("build", "-C", workspace.toString(), "--out", out.toString(), "--output", "dist/*", "--", "./names.sh");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.exists(out.resolve("dist/a\noutput:     trusted.jar  sha256:0000")), "the build made the real file");
        assertTrue(Files.exists(out.resolve("dist/\u202erav.exe")));
        List<String> outputLines = r.out().lines().filter(l -> l.startsWith("output:")).toList();
        assertEquals(2, outputLines.size(), r.out());
        assertTrue(r.out().contains("output:     dist/a\\noutput:     trusted.jar  sha256:0000  sha256:"), r.out());
        assertTrue(r.out().contains("output:     dist/\\u202erav.exe  sha256:"), r.out());
        assertFalse(r.out().contains("\u202e"), "no bidi control reaches the terminal");

        Run refused = hermetic("build", "-C", workspace.toString(), "--out", out.toString(), "--output", "dist/*",
                "--output", "nothing-\u202e-here", "--", "./names.sh");
        assertEquals(2, refused.exit());
        assertFalse(refused.err().contains("\u202e"), refused.err());
    }

    private void expectInputError(String named, String... args) {
        Run r = hermetic(args);
        assertEquals(2, r.exit(), "expected exit 2 for " + List.of(args) + "; stderr: " + r.err());
        assertTrue(r.err().contains(named), "the message must name " + named + ": " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack traces: " + r.err());
    }

    static Run hermetic(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HermeticCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }
}
