package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermeticbuild.store.Digests;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code build --store}: a real sandboxed build records its provenance and SBOM in the store. */
class BuildStoreTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run hermetic(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HermeticCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aSignedBuildIsRecordedVerifiedWithItsSbomAndAnUnsignedOneAsUnsigned() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.writeString(ws.resolve("build.sh"), "#!/bin/sh\nmkdir -p dist && echo app > dist/app.txt\n");
        ws.resolve("build.sh").toFile().setExecutable(true);
        Path keys = Files.createDirectories(dir.resolve("keys"));
        assertEquals(0, hermetic("keygen", "--key", keys.resolve("k.pem").toString()).exit());
        assertEquals(0, hermetic("keygen", "--key", keys.resolve("store.pem").toString()).exit());
        String store = "jdbc:sqlite:" + dir.resolve("store.db");

        Run signed = hermetic("build", "-C", ws.toString(), "--out", dir.resolve("out1").toString(), "--output", "dist/*.txt",
                "--sign-key", keys.resolve("k.pem").toString(), "--store", store,
                "--store-key", keys.resolve("store.pem").toString(), "--", "./build.sh");
        assertEquals(0, signed.exit(), signed.err());
        assertTrue(signed.err().contains("recorded #1 in " + store + " (verified), hash "), signed.err());
        assertTrue(signed.err().contains(", checkpoint signed"), signed.err());
        Run visible = hermetic("build", "-C", ws.toString(), "--out", dir.resolve("out0").toString(), "--output", "dist/*.txt",
                "--store", store, "--store-key", ws.resolve("build.sh").toString(), "--", "./build.sh");
        assertEquals(2, visible.exit(), "a store key the build could read is refused before the build runs");
        assertTrue(visible.err().contains("--store-key"), visible.err());
        Run unsigned = hermetic("build", "-C", ws.toString(), "--out", dir.resolve("out2").toString(), "--output", "dist/*.txt",
                "--store", store, "--", "./build.sh");
        assertEquals(0, unsigned.exit(), unsigned.err());
        assertTrue(unsigned.err().contains("recorded #2 in " + store + " (unsigned)"), unsigned.err());

        String digest = Digests.sha256(Files.readAllBytes(dir.resolve("out1/dist/app.txt")));
        Run q = hermetic("store", "query", "--digest", "sha256:" + digest, "--store", store, "--json",
                "--pub", keys.resolve("k.pub").toString(), "--store-pub", keys.resolve("store.pub").toString());
        assertEquals(0, q.exit(), q.err());
        JsonNode records = JsonOutputSchema.result(q.exit(), q.out(), q.err()).get("records");
        assertEquals(2, records.size(), "the same bytes built twice: both builds are on record");
        assertEquals("verified", records.get(0).get("signature").get("status").asText());
        JsonNode sbom = records.get(0).get("sbom");
        assertEquals(Digests.sha256(Files.readAllBytes(dir.resolve("out1/sbom.cdx.json"))), sbom.get("sha256").asText(),
                "the store keeps the SBOM the build wrote");
        assertEquals(0, sbom.get("components").asInt(), "build.sh reads no dependency; its output is the SBOM's subject, not a component");
        assertTrue(records.get(0).has("startedOn") && records.get(0).has("finishedOn"), records.get(0).toString());
        assertEquals("verified", records.get(0).get("position").get("status").asText(), records.get(0).toString());
        assertEquals("unsigned", records.get(1).get("signature").get("status").asText());
        assertEquals("failed", records.get(1).get("position").get("status").asText(), "written without the store key");
        assertEquals(1, hermetic("trace", digest, "--store", store).exit(), "an unsigned build on record is a problem");
        assertEquals(0, hermetic("store", "verify", "--store", store).exit());
        Run checked = hermetic("store", "verify", "--store", store, "--store-pub", keys.resolve("store.pub").toString());
        assertEquals(1, checked.exit(), "record 2 was written without the store key");
        assertTrue(checked.err().contains("record 2: records 2 to 2 come after the latest signed checkpoint"), checked.err());
    }
}
