package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `hermetic rebuild` from a signed provenance: same bytes, explained differences, refusals, failed rebuilds. */
class RebuildCommandTest {

    @TempDir
    Path tmp;
    Path repo;
    Path key;
    Path pub;

    @BeforeEach
    void signedKey() {
        key = tmp.resolve("keys/k.pem");
        pub = tmp.resolve("keys/k.pub");
        tmp.resolve("keys").toFile().mkdirs();
        assertEquals(0, BuildCommandTest.hermetic("keygen", "--key", key.toString(), "--pub", pub.toString()).exit());
    }

    @Test
    void aReproducibleReleaseBuildRebuildsToTheSameDigestsEvenWhenVaried() throws Exception {
        repo = project("#!/bin/sh\nmkdir -p dist && printf 'stable output\\n' > dist/app.txt\n");
        Path out = build();
        var r = rebuild("--provenance", out.resolve("provenance.sigstore.json").toString(), "--pub", pub.toString(),
                "--vary", "hostname,build-path,umask,timezone");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("same:        dist/app.txt"), r.out());
        assertTrue(Files.readString(tmp.resolve("rebuild/reproducibility.json")).contains("\"reproducible\" : true"));

        var json = rebuild("--provenance", out.resolve("provenance.sigstore.json").toString(), "--pub", pub.toString(), "--json");
        var result = JsonOutputSchema.result(json.exit(), json.out(), json.err());
        assertEquals(0, json.exit(), json.err());
        assertEquals("https://in-toto.io/Statement/v1", result.path("_type").asText(), json.out());
    }

    @Test
    void theOutcomeGoesToTheStoreAndTraceShowsIt() throws Exception {
        repo = project("#!/bin/sh\nmkdir -p dist && echo \"built on $(cat /proc/sys/kernel/hostname)\" > dist/app.txt\n");
        Path out = build();
        String store = "jdbc:sqlite:" + tmp.resolve("store.db");
        assertEquals(0, BuildCommandTest.hermetic("store", "put", "--store", store, "--bundle", out.resolve("provenance.sigstore.json").toString(),
                "--pub", pub.toString()).exit());
        var r = rebuild("--provenance", out.resolve("provenance.sigstore.json").toString(), "--pub", pub.toString(),
                "--vary", "hostname", "--store", store);
        assertEquals(1, r.exit(), r.out() + r.err());
        String sha = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("provenance.json").toFile())
                .path("subject").get(0).path("digest").path("sha256").asText();
        var trace = BuildCommandTest.hermetic("trace", "sha256:" + sha, "--store", store, "--pub", pub.toString());
        assertEquals(1, trace.exit(), "a non-reproducible artifact is not trustworthy: " + trace.out() + trace.err());
        assertTrue((trace.out() + trace.err()).contains("did not reproduce"), trace.out() + trace.err());
    }

    @Test
    void aMismatchIsExplainedFromTheOriginalOutputs() throws Exception {
        repo = project("#!/bin/sh\nmkdir -p dist && echo \"built on $(cat /proc/sys/kernel/hostname)\" > dist/app.txt\n");
        Path out = build();
        var r = rebuild("--provenance", out.resolve("provenance.sigstore.json").toString(), "--pub", pub.toString(),
                "--vary", "hostname", "--artifacts", out.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("-built on hermetic") && r.out().contains("+built on rebuilder-varied"), r.out());
    }

    @Test
    void aBuildThatFailsOnRebuildIsReportedAsAFailedRebuild() throws Exception {
        repo = project("#!/bin/sh\nset -e\n[ \"$(cat /proc/sys/kernel/hostname)\" = hermetic ]\nmkdir -p dist && echo x > dist/app.txt\n");
        Path out = build();
        var r = rebuild("--provenance", out.resolve("provenance.sigstore.json").toString(), "--pub", pub.toString(), "--vary", "hostname");
        assertEquals(4, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("rebuild FAILED") && r.out().contains("not a mismatch"), r.out());
    }

    @Test
    void unverifiedProvenanceIsRefusedUnlessAllowed() throws Exception {
        repo = project("#!/bin/sh\nmkdir -p dist && echo x > dist/app.txt\n");
        Path out = build();
        var bare = rebuild("--provenance", out.resolve("provenance.json").toString());
        assertEquals(2, bare.exit());
        assertTrue(bare.err().contains("bare statement") && bare.err().contains("--allow-unverified"), bare.err());
        assertEquals(0, rebuild("--provenance", out.resolve("provenance.json").toString(), "--allow-unverified").exit());

        Path otherKey = tmp.resolve("keys/other.pem");
        BuildCommandTest.hermetic("keygen", "--key", otherKey.toString(), "--pub", tmp.resolve("keys/other.pub").toString());
        var wrong = rebuild("--provenance", out.resolve("provenance.sigstore.json").toString(), "--pub", tmp.resolve("keys/other.pub").toString());
        assertEquals(1, wrong.exit(), wrong.err());
        assertTrue(wrong.err().contains("unknown key"), wrong.err());
    }

    @Test
    void aCommitThatIsNotInTheCheckoutIsNamed() throws Exception {
        repo = project("#!/bin/sh\nmkdir -p dist && echo x > dist/app.txt\n");
        Path out = build();
        Path other = tmp.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("README"), "another history\n");
        commit(other);
        var r = BuildCommandTest.hermetic("rebuild", "-C", other.toString(), "--out", tmp.resolve("rebuild").toString(),
                "--provenance", out.resolve("provenance.sigstore.json").toString(), "--pub", pub.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("is not in the checkout"), r.err());
    }

    @Test
    void aSignedResultOfAnEarlierRebuildDoesNotSurviveAnUnsignedOne() throws Exception {
        repo = project("#!/bin/sh\nmkdir -p dist && printf 'stable output\\n' > dist/app.txt\n");
        Path out = build();
        String provenance = out.resolve("provenance.sigstore.json").toString();
        var signed = rebuild("--provenance", provenance, "--pub", pub.toString(), "--sign-key", key.toString());
        assertEquals(0, signed.exit(), signed.out() + signed.err());
        assertTrue(Files.isRegularFile(tmp.resolve("rebuild/reproducibility.sigstore.json")));
        var unsigned = rebuild("--provenance", provenance, "--pub", pub.toString());
        assertEquals(0, unsigned.exit(), unsigned.out() + unsigned.err());
        assertTrue(Files.isRegularFile(tmp.resolve("rebuild/reproducibility.json")));
        assertFalse(Files.exists(tmp.resolve("rebuild/reproducibility.sigstore.json")), "the earlier signature must be gone");
    }

    /** A hostile provenance: it asks for no sandbox, the dev tier and the rebuilder's secret. */
    @Test
    void aProvenanceNeverChoosesTheRebuildsIsolationOrEnvironment() throws Exception {
        repo = project("#!/bin/sh\nmkdir -p dist && echo \"secret=${REBUILDER_SECRET:-unset}\" > dist/app.txt\n");
        Path out = build();
        Path crafted = tamper(out.resolve("provenance.json"), ext -> {
            ext.put("sandbox", "none");
            ext.put("tier", "dev");
        });
        var r = rebuild("--provenance", crafted.toString(), "--allow-unverified");
        assertEquals(0, r.exit(), r.out() + r.err());
        var rebuilt = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tmp.resolve("rebuild/rebuilt/provenance.json").toFile());
        var isolation = rebuilt.at("/predicate/buildDefinition/internalParameters/isolation");
        assertTrue(isolation.path("hermetic").asBoolean(), "the statement's sandbox none was obeyed: " + isolation);
        assertEquals("release", rebuilt.at("/predicate/buildDefinition/externalParameters/tier").asText());

        Path wantsSecret = tamper(out.resolve("provenance.json"),
                ext -> ext.putArray("passedEnvironment").add("REBUILDER_SECRET"));
        var refused = rebuild("--provenance", wantsSecret.toString(), "--allow-unverified");
        assertEquals(2, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains("[REBUILDER_SECRET]") && refused.err().contains("--allow-env"), refused.err());

        assertEquals(2, rebuild("--provenance", crafted.toString(), "--allow-unverified", "--sandbox", "none").exit());
    }

    /** The JDK on PATH is recorded; a rebuilder without one of that digest is refused naming both, never a false mismatch. */
    @Test
    void theRecordedJdkMustBeFoundByItsDigest() throws Exception {
        repo = project("#!/bin/sh\nmkdir -p dist && java -version > dist/app.txt 2>&1\n");
        Path out = build();
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = mapper.readTree(out.resolve("provenance.json").toFile());
        com.fasterxml.jackson.databind.node.ObjectNode jdk = null;
        for (var dep : root.at("/predicate/buildDefinition/resolvedDependencies")) {
            if (dep.path("name").asText().equals("toolchain:jdk")) {
                jdk = (com.fasterxml.jackson.databind.node.ObjectNode) dep;
            }
        }
        assertTrue(jdk != null, "no toolchain:jdk in " + root);
        String recorded = jdk.at("/digest/dirHash").asText();

        var other = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        if (Files.isDirectory(other) && !other.toString().equals(jdk.at("/annotations/path").asText())) {
            var r = rebuild("--provenance", out.resolve("provenance.sigstore.json").toString(), "--pub", pub.toString(),
                    "--toolchain", "jdk=" + other);
            assertEquals(0, r.exit(), "an offered JDK of another digest is passed over for the recorded one: " + r.out() + r.err());
        }

        String wrong = "ab".repeat(32);
        ((com.fasterxml.jackson.databind.node.ObjectNode) jdk.path("digest")).put("dirHash", wrong);
        Path crafted = tmp.resolve("other-jdk.json");
        mapper.writeValue(crafted.toFile(), root);
        var refused = rebuild("--provenance", crafted.toString(), "--allow-unverified");
        assertEquals(2, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains(wrong) && refused.err().contains(recorded) && refused.err().contains("--toolchain jdk="),
                refused.err());

        var malformed = rebuild("--provenance", crafted.toString(), "--allow-unverified", "--toolchain", "cobol=/usr");
        assertEquals(2, malformed.exit());
        assertTrue(malformed.err().contains("--toolchain cobol=/usr"), malformed.err());
    }

    @Test
    void aWorkingDirectoryThatIsASymlinkInTheCommitIsRefused() throws Exception {
        repo = project("#!/bin/sh\nmkdir -p dist && echo x > dist/app.txt\n");
        Path out = build();
        Files.createSymbolicLink(repo.resolve("escape"), Path.of("/etc"));
        commit(repo);
        Path crafted = tamper(out.resolve("provenance.json"), ext -> ext.put("workingDirectory", "escape"));
        String head = Git.open(repo.toFile()).getRepository().resolve("HEAD").getName();
        Files.writeString(crafted, Files.readString(crafted).replaceAll("\"gitCommit\" : \"[0-9a-f]{40}\"", "\"gitCommit\" : \"" + head + "\""));
        var r = rebuild("--provenance", crafted.toString(), "--allow-unverified");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("escape"), "the refusal names the working directory: " + r.err());
        assertTrue(Files.exists(Path.of("/etc/passwd")) && !Files.exists(Path.of("/etc/dist")), "the build wrote into the host's /etc");
    }

    /** --image-base: the runner assembles the image after the command; rebuild and check-reproducible assemble it again and compare. */
    @Test
    void anImageTheRunnerAssembledIsAssembledAgainByRebuildAndCheckReproducible() throws Exception {
        repo = project("#!/bin/sh\nmkdir -p dist && printf 'stable output\\n' > dist/app.txt\n");
        Path out = tmp.resolve("out");
        String[] image = {"--output", "dist/app.txt", "--image-base", "scratch", "--image-layer", "dist/app.txt:/srv/app.txt",
                "--image-entrypoint", "/bin/cat,/srv/app.txt", "--image-label", "org.opencontainers.image.title=app"};
        List<String> args = new java.util.ArrayList<>(List.of("build", "-C", repo.toString(), "--out", out.toString(), "--tier", "release",
                "--sign-key", key.toString()));
        args.addAll(List.of(image));
        args.addAll(List.of("--", "./build.sh"));
        var built = BuildCommandTest.hermetic(args.toArray(String[]::new));
        assertEquals(0, built.exit(), built.out() + built.err());
        var statement = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("provenance.json").toFile());
        assertEquals("image", statement.path("subject").get(1).path("name").asText(), statement.path("subject").toString());
        assertEquals("scratch", statement.at("/predicate/buildDefinition/externalParameters/image/base").asText());
        assertTrue(built.out().contains("output:     image  sha256:" + statement.path("subject").get(1).at("/digest/sha256").asText()),
                built.out());
        assertTrue(!built.out().contains("image/blobs/"), "what is printed is what is signed: the image, not its blobs: " + built.out());
        var same = rebuild("--provenance", out.resolve("provenance.sigstore.json").toString(), "--pub", pub.toString(), "--vary", "hostname");
        assertEquals(0, same.exit(), same.out() + same.err());
        assertTrue(same.out().contains("same:        image"), same.out());

        List<String> check = new java.util.ArrayList<>(List.of("check-reproducible", "-C", repo.toString(), "--out",
                tmp.resolve("check").toString()));
        check.addAll(List.of(image));
        check.addAll(List.of("--", "./build.sh"));
        var checked = BuildCommandTest.hermetic(check.toArray(String[]::new));
        assertEquals(0, checked.exit(), checked.out() + checked.err());
        assertTrue(checked.out().contains("image/index.json"), checked.out());

        var orphan = BuildCommandTest.hermetic("build", "-C", repo.toString(), "--out", tmp.resolve("o2").toString(), "--output", "dist/app.txt",
                "--image-layer", "dist/app.txt:/srv/app.txt", "--", "./build.sh");
        assertEquals(2, orphan.exit());
        assertTrue(orphan.err().contains("give --image-base oci:DIR@sha256:HEX (or scratch)"), orphan.err());
    }

    /** The base layout the build read is elsewhere on the rebuilder's machine: found by --image-base-layout, by its digest. */
    @Test
    void aRebuildElsewhereTakesTheImageBaseFromALayoutItIsGiven() throws Exception {
        repo = project("#!/bin/sh\nmkdir -p dist && printf 'stable output\\n' > dist/app.txt\n");
        Path base = tmp.resolve("base");
        String baseDigest = dev.hermeticbuild.image.LayoutFixture.single(base, "base file").manifests().get(0);
        Path out = tmp.resolve("out");
        var built = BuildCommandTest.hermetic("build", "-C", repo.toString(), "--out", out.toString(), "--tier", "release",
                "--sign-key", key.toString(), "--output", "dist/app.txt", "--image-base", "oci:" + base + "@sha256:" + baseDigest,
                "--image-layer", "dist/app.txt:/srv/app.txt", "--", "./build.sh");
        assertEquals(0, built.exit(), built.out() + built.err());
        Path moved = Files.move(base, tmp.resolve("copy-of-base"));
        var missing = rebuild("--provenance", out.resolve("provenance.sigstore.json").toString(), "--pub", pub.toString());
        assertEquals(2, missing.exit(), missing.out() + missing.err());
        assertTrue(missing.err().contains("pass --image-base-layout DIR") && missing.err().contains(baseDigest), missing.err());
        var same = rebuild("--provenance", out.resolve("provenance.sigstore.json").toString(), "--pub", pub.toString(),
                "--image-base-layout", moved.toString());
        assertEquals(0, same.exit(), same.out() + same.err());
        assertTrue(same.out().contains("same:        image"), same.out());
        var wrong = rebuild("--provenance", out.resolve("provenance.sigstore.json").toString(), "--pub", pub.toString(),
                "--image-base-layout", tmp.resolve("other").toString());
        assertEquals(2, wrong.exit(), wrong.out() + wrong.err());
    }

    /** A build script that writes a one-layer OCI image layout to dist/image, the layer holding {@code layerCommand}'s output. */
    private static String imageScript(String layerCommand) {
        return "#!/bin/sh\nset -e\nd=dist/image\nmkdir -p $d/blobs/sha256\n"
                + "put() { h=$(sha256sum \"$1\" | cut -c1-64); s=$(stat -c%s \"$1\"); mv \"$1\" $d/blobs/sha256/$h; echo \"$h $s\"; }\n"
                + layerCommand + " > layer\nset -- $(put layer); lh=$1; ls=$2\n"
                + "printf '{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:%s\"]}}' $lh > config\n"
                + "set -- $(put config); ch=$1; cs=$2\n"
                + "printf '{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:%s\",\"size\":%s},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"sha256:%s\",\"size\":%s}]}' $ch $cs $lh $ls > manifest\n"
                + "set -- $(put manifest); mh=$1; ms=$2\n"
                + "printf '{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:%s\",\"size\":%s}]}' $mh $ms > $d/index.json\n"
                + "printf '{\"imageLayoutVersion\":\"1.0.0\"}' > $d/oci-layout\n";
    }

    /** An image output is compared by its manifest digest, as its provenance names it, not by the files of its layout. */
    @Test
    void anImageOutputRebuildsToTheSameManifestDigestOrIsNamedAsDifferent() throws Exception {
        repo = project(imageScript("printf 'stable layer'"));
        Path out = tmp.resolve("out");
        var built = BuildCommandTest.hermetic("build", "-C", repo.toString(), "--out", out.toString(), "--output", "dist/image",
                "--tier", "release", "--sign-key", key.toString(), "--", "./build.sh");
        assertEquals(0, built.exit(), built.out() + built.err());
        var subject = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("provenance.json").toFile()).path("subject");
        assertEquals(1, subject.size(), subject.toString());
        assertEquals("dist/image", subject.get(0).path("name").asText());
        var same = rebuild("--provenance", out.resolve("provenance.sigstore.json").toString(), "--pub", pub.toString(), "--vary", "hostname");
        assertEquals(0, same.exit(), same.out() + same.err());
        assertTrue(same.out().contains("same:        dist/image"), same.out());

        repo = project(imageScript("cat /proc/sys/kernel/hostname"));
        Files.walk(out).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        assertEquals(0, BuildCommandTest.hermetic("build", "-C", repo.toString(), "--out", out.toString(), "--output", "dist/image",
                "--tier", "release", "--sign-key", key.toString(), "--", "./build.sh").exit());
        var differs = rebuild("--provenance", out.resolve("provenance.sigstore.json").toString(), "--pub", pub.toString(), "--vary", "hostname");
        assertEquals(1, differs.exit(), differs.out() + differs.err());
        assertTrue(differs.out().contains("dist/image"), differs.out());
    }

    /** An OCI archive output rebuilds to the same file and the same manifest digest, or both are named as different. */
    @Test
    void anOciArchiveOutputRebuildsToTheSameFileAndManifestDigest() throws Exception {
        String archive = "tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --mode=u=rwX,go=rX -C dist/image -cf dist/image.tar .\n";
        repo = project(imageScript("printf 'stable layer'") + archive);
        Path out = tmp.resolve("out");
        var built = BuildCommandTest.hermetic("build", "-C", repo.toString(), "--out", out.toString(), "--output", "dist/image.tar",
                "--tier", "release", "--sign-key", key.toString(), "--", "./build.sh");
        assertEquals(0, built.exit(), built.out() + built.err());
        var subject = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("provenance.json").toFile()).path("subject");
        assertEquals(List.of("dist/image.tar", "oci-archive:dist/image.tar"),
                List.of(subject.get(0).path("name").asText(), subject.get(1).path("name").asText()), subject.toString());
        var same = rebuild("--provenance", out.resolve("provenance.sigstore.json").toString(), "--pub", pub.toString(), "--vary", "hostname");
        assertEquals(0, same.exit(), same.out() + same.err());
        assertTrue(same.out().contains("same:        dist/image.tar") && same.out().contains("same:        oci-archive:dist/image.tar"),
                same.out());

        repo = project(imageScript("cat /proc/sys/kernel/hostname") + archive);
        Files.walk(out).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        assertEquals(0, BuildCommandTest.hermetic("build", "-C", repo.toString(), "--out", out.toString(), "--output", "dist/image.tar",
                "--tier", "release", "--sign-key", key.toString(), "--", "./build.sh").exit());
        var differs = rebuild("--provenance", out.resolve("provenance.sigstore.json").toString(), "--pub", pub.toString(), "--vary", "hostname");
        assertEquals(1, differs.exit(), differs.out() + differs.err());
        assertTrue(differs.out().contains("oci-archive:dist/image.tar"), differs.out());
    }

    private Path tamper(Path statement, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit) throws IOException {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(statement.toFile());
        edit.accept((com.fasterxml.jackson.databind.node.ObjectNode) root.at("/predicate/buildDefinition/externalParameters"));
        Path crafted = tmp.resolve("crafted-" + System.nanoTime() + ".json");
        mapper.writeValue(crafted.toFile(), root);
        return crafted;
    }

    private Path project(String script) throws Exception {
        Path dir = tmp.resolve("repo");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("build.sh"), script);
        dir.resolve("build.sh").toFile().setExecutable(true);
        Files.writeString(dir.resolve(".gitignore"), "dist/\n");
        commit(dir);
        return dir;
    }

    private Path build() {
        Path out = tmp.resolve("out");
        var r = BuildCommandTest.hermetic("build", "-C", repo.toString(), "--out", out.toString(), "--output", "dist/app.txt",
                "--tier", "release", "--sign-key", key.toString(), "--", "./build.sh");
        assertEquals(0, r.exit(), r.out() + r.err());
        return out;
    }

    private BuildCommandTest.Run rebuild(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "rebuild";
        all[1] = "-C";
        all[2] = repo.toString();
        all[3] = "--out=" + tmp.resolve("rebuild");
        System.arraycopy(args, 0, all, 4, args.length);
        return BuildCommandTest.hermetic(all);
    }

    private static void commit(Path dir) throws Exception {
        PersonIdent who = new PersonIdent("test", "test@example.com", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.add().setUpdate(true).addFilepattern(".").call();
            git.commit().setMessage("x").setAuthor(who).setCommitter(who).setSign(false).call();
        }
    }
}
