package dev.hermeticbuild.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A SoftHSM2 token for tests, made with Debian's {@code softhsm2} and {@code opensc} tools: an
 * EC P-256 key pair generated on the token by pkcs11-tool, plus a certificate for it under the
 * same id (SunPKCS11 lists only private keys that have one). The token directory lives where
 * {@code SOFTHSM2_CONF} (set by surefire) says, so the in-process PKCS#11 library finds it.
 */
public record SoftHsm(Path sunPkcs11Config, String alias, String pin, Path publicKeyDer) {

    /** Debian's path of the SoftHSM2 PKCS#11 module. */
    public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    /** Whether softhsm2 and pkcs11-tool are installed. */
    public static boolean installed() {
        return Files.isRegularFile(MODULE) && Cmd.onPath("softhsm2-util") && Cmd.onPath("pkcs11-tool");
    }

    /** Initialises a fresh token with one key {@code alias}; PIN 1234. */
    public static SoftHsm create(String alias) {
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null) {
            throw new AssertionError("SOFTHSM2_CONF is not set: run this test through Maven (surefire sets it)");
        }
        Path confFile = Path.of(conf);
        Path base = confFile.getParent();
        Path tokens = base.resolve("tokens");
        try {
            if (Files.exists(base)) {
                try (Stream<Path> s = Files.walk(base)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(tokens);
            Files.writeString(confFile, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Map<String, String> env = Map.of("SOFTHSM2_CONF", confFile.toString());
        String pin = "1234";
        String init = Cmd.run(env, base, "softhsm2-util", "--init-token", "--free", "--label", "hermetic",
                "--pin", pin, "--so-pin", "87654321");
        Matcher m = Pattern.compile("reassigned to slot (\\d+)").matcher(init);
        if (!m.find()) {
            throw new AssertionError("no slot in softhsm2-util output: " + init);
        }
        List<String> p11 = List.of("pkcs11-tool", "--module", MODULE.toString(), "--token-label", "hermetic",
                "--login", "--pin", pin);
        Cmd.run(env, base, concat(p11, "--keypairgen", "--key-type", "EC:prime256v1", "--id", "01", "--label", alias));
        Cmd.run(env, base, concat(p11, "--read-object", "--type", "pubkey", "--id", "01", "-o", "pub.der"));
        Path sunConfig = base.resolve("pkcs11.cfg");
        try {
            byte[] spki = Files.readAllBytes(base.resolve("pub.der"));
            var certKey = dev.hermeticbuild.sign.KeyGen.generate(dev.hermeticbuild.sign.KeyAlgorithm.ECDSA_P256);
            var pub = dev.hermeticbuild.sign.PemKeys.publicKey(spki, "token public key");
            Files.write(base.resolve("cert.der"), TestCerts.certificate(pub, certKey.getPrivate(), alias).getEncoded());
            Files.writeString(sunConfig, "name = HermeticSoftHsm\nlibrary = " + MODULE + "\nslot = " + m.group(1) + "\n");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Cmd.run(env, base, concat(p11, "--write-object", "cert.der", "--type", "cert", "--id", "01", "--label", alias));
        return new SoftHsm(sunConfig, alias, pin, base.resolve("pub.der"));
    }

    private static String[] concat(List<String> head, String... tail) {
        return Stream.concat(head.stream(), Stream.of(tail)).toArray(String[]::new);
    }
}
