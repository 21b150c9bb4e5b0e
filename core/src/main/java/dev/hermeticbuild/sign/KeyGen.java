package dev.hermeticbuild.sign;

import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * Generates a signing key pair and writes it: the private key as PKCS#8 PEM created with mode
 * 0600 (encrypted when a passphrase source is given), the public key as SPKI PEM. Never
 * overwrites an existing file.
 */
public final class KeyGen {

    /** What keygen wrote. */
    public record Result(String keyId, KeyAlgorithm algorithm, Path privateKey, Path publicKey) {
    }

    private KeyGen() {
    }

    /** A fresh key pair of {@code algorithm}. */
    public static KeyPair generate(KeyAlgorithm algorithm) {
        try {
            if (algorithm == KeyAlgorithm.ECDSA_P256) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                return g.generateKeyPair();
            }
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + algorithm.cliName() + " key", e);
        }
    }

    /** Generates and writes a key pair; refuses if either file exists. */
    public static Result generate(KeyAlgorithm algorithm, Path privateKey, Path publicKey,
                                  PassphraseSource passphrase) {
        if (privateKey.toAbsolutePath().normalize().equals(publicKey.toAbsolutePath().normalize())) {
            throw new InputException("--key and --pub name the same file " + privateKey);
        }
        for (Path p : new Path[] {privateKey, publicKey}) {
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new InputException("refusing to overwrite existing file " + p);
            }
        }
        KeyPair pair = generate(algorithm);
        Optional<char[]> pass = passphrase.read();
        String privatePem = PemKeys.privatePem(pair.getPrivate(), pass);
        pass.ifPresent(p -> Arrays.fill(p, '\0'));
        writeNew(privateKey, privatePem, true);
        writeNew(publicKey, PemKeys.publicPem(pair.getPublic()), false);
        return new Result(KeyId.of(pair.getPublic()), algorithm, privateKey, publicKey);
    }

    private static void writeNew(Path file, String text, boolean secret) {
        try {
            if (secret) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(text.getBytes(StandardCharsets.US_ASCII));
            }
        } catch (FileAlreadyExistsException e) {
            throw new InputException("refusing to overwrite existing file " + file);
        } catch (IOException e) {
            throw new InputException("cannot write " + file + " (" + e.getMessage() + ")", e);
        }
    }
}
