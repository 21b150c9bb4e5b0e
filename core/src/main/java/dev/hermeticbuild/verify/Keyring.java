package dev.hermeticbuild.verify;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.sign.KeyId;
import dev.hermeticbuild.sign.PemKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The public keys a verifier trusts, by key id: one {@code .pub} file, or a directory of them
 * (several keys, so a key can be rotated without breaking older signatures).
 */
public record Keyring(Map<String, PublicKey> keys) {

    public Keyring {
        keys = Map.copyOf(keys);
    }

    /** No trusted keys (keyless-only verification). */
    public static Keyring none() {
        return new Keyring(Map.of());
    }

    /** A keyring of the given keys. */
    public static Keyring of(PublicKey... keys) {
        Map<String, PublicKey> map = new LinkedHashMap<>();
        for (PublicKey k : keys) {
            map.put(KeyId.of(k), k);
        }
        return new Keyring(map);
    }

    /** Loads a {@code .pub} PEM file, or every {@code *.pub} file of a directory. */
    public static Keyring load(Path fileOrDir) {
        if (Files.isDirectory(fileOrDir)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(fileOrDir)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".pub")).sorted().toList();
            } catch (IOException e) {
                throw new InputException("keyring directory " + fileOrDir + ": cannot list ("
                        + e.getMessage() + ")", e);
            }
            if (files.isEmpty()) {
                throw new InputException("keyring directory " + fileOrDir + " holds no *.pub files");
            }
            return of(files.stream().map(PemKeys::readPublic).toArray(PublicKey[]::new));
        }
        return of(PemKeys.readPublic(fileOrDir));
    }

    /** The key with id {@code keyId}. */
    public Optional<PublicKey> get(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }
}
