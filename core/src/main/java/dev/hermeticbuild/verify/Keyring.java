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

    /**
     * The keys of a text holding one or more PEM public keys one after another (a CI's global
     * configuration, a credential); {@code source} names it in errors. Blank text is no keys.
     */
    public static Keyring fromPem(String text, String source) {
        List<PublicKey> keys = new java.util.ArrayList<>();
        String end = "-----END PUBLIC KEY-----";
        int from = 0;
        int n = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", from);
            if (begin < 0) {
                break;
            }
            int stop = text.indexOf(end, begin);
            if (stop < 0) {
                throw new InputException(source + ": PEM block " + (n + 1) + " is not a complete public key"
                        + " (no -----END PUBLIC KEY-----)");
            }
            n++;
            byte[] block = text.substring(begin, stop + end.length()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            keys.add(PemKeys.readPublic(block, source + " (key " + n + ")"));
            from = stop + end.length();
        }
        if (n == 0 && !text.isBlank()) {
            throw new InputException(source + " holds no PEM public key");
        }
        return of(keys.toArray(PublicKey[]::new));
    }

    /** This keyring with {@code other}'s keys added. */
    public Keyring plus(Keyring other) {
        Map<String, PublicKey> map = new LinkedHashMap<>(keys);
        map.putAll(other.keys());
        return new Keyring(map);
    }

    /** The key with id {@code keyId}. */
    public Optional<PublicKey> get(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    /** The trusted key ids, sorted: what a failure names as expected. */
    public java.util.List<String> keyIds() {
        return keys.keySet().stream().sorted().toList();
    }
}
